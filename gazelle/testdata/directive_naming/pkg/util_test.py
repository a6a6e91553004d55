import pkg._fast


if __name__ == "__main__":
    print("runs its checks itself")
