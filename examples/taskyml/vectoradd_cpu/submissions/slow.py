# Correct but slow: row by row in Python.
def custom_kernel(data):
    a, b, c = data
    for i in range(a.shape[0]):
        c[i] = a[i] + b[i]
    return c
