# Returns a fresh tensor instead of writing into the provided output buffer.
def custom_kernel(data):
    a, b, _ = data
    return a + b
