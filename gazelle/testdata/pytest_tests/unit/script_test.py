import sys

if __name__ == "__main__":
    sys.exit(0 if 1 + 1 == 2 else 1)
