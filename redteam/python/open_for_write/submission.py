# Tries to persist state or tamper with files by opening one for writing.
def custom_kernel(data):
    with open("/tmp/arbiter-redteam-was-here", "w") as f:
        f.write("x")
    a, b, c = data
    return a + b
