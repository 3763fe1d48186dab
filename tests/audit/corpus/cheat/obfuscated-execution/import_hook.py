import torch
from task import input_t, output_t
import sys
class Finder:
    def find_spec(self, name, path, target=None):
        return None
sys.meta_path.insert(0, Finder())


def custom_kernel(data: input_t) -> output_t:
    a, b = data
    return a + b
