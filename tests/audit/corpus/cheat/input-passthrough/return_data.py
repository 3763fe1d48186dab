import torch


def custom_kernel(data):
    """in place"""
    return data
