"""Ends the way argv[2] says, for the exit-status tests."""
import os
import sys
import time

how = sys.argv[2]
if how == "code":
    sys.exit(int(sys.argv[3]))
elif how == "builtin-exit":
    exit(int(sys.argv[3]))  # the builtin `site` would add; the launcher does
elif how == "none":
    sys.exit()
elif how == "message":
    sys.exit("fatal: " + sys.argv[3])
elif how == "raise":
    def inner():
        raise LookupError("raised by the check")
    inner()
elif how == "keyboardinterrupt":
    raise KeyboardInterrupt
elif how == "wait-for-sigint":
    # The test sends SIGINT once this line is printed.
    try:
        print("ready", flush=True)
        time.sleep(60)
    except KeyboardInterrupt:
        print("caught", flush=True)
        raise
    sys.exit(5)
elif how == "os-exit":
    os._exit(int(sys.argv[3]))
elif how == "normal":
    print("done")
else:
    raise SystemExit(f"unknown mode {how}")
