import torch
from task import input_t, output_t
import multiprocessing as mp


def custom_kernel(data):
    p = mp.Process(target=print)
    p.start()
    return data[0] + data[1]
