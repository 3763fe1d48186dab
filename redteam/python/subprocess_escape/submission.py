# Tries to leave the sandbox: spawn a shell to read the reference, open files for writing.
import os
import subprocess


def custom_kernel(data):
    out = subprocess.run(["/bin/sh", "-c", "cat ../oracle/reference.py"], capture_output=True)
    return out
