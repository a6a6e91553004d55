"""A remote cache shared by two machines (issue 11, item 6).

Two network namespaces play two hosts joined by a veth pair:

  host A (10.77.0.1): Debian's nginx serving WebDAV, Bazel's HTTP cache;
  host B (10.77.0.2): reaches the cache only over the veth link.

Each host builds examples/monorepo's static binary (//app) and its
single-file form (//ship:app_single_file) from a cold start: its own copy of
the example at its own path, its own --output_user_root (so its own Bazel
server, running inside the namespace), no --disk_cache. Host A fills the
cache; host B must run no compile, isolate, link or pack action (read from
--execution_log_json_file), and its binaries must print what host A's print.

The per-mnemonic action counts of both hosts are printed and written to
$PYSTATIC_CACHE/test-results/remote-cache-counts.txt (and recorded as junit
properties), so the suite's output carries them.

Why nsenter and not `ip netns exec`: the tests run inside the Bazel 7 root
(tools/bazel7/setup.sh), a chroot. `ip netns exec` and `ip -n` first make /
a slave mount in a new mount namespace, which fails with `mount --make-rslave
/: Invalid argument` wherever / is a plain directory rather than a mount
point (the root was one until setup.sh bind-mounted it onto itself, and any
other chroot is). Only the network namespace matters for this test, so every
command that runs "on a host" is `nsenter --net=/run/netns/<name> ...`
(util-linux), which switches the network namespace alone and works either
way. `ip netns add/del/pids` and `ip link ... netns <name>` work as they are.

The hosts have no route to PyPI, which the example's @pybind11 repository
downloads from (pip). Each host's external repositories are therefore
fetched first on the machine's own network (`bazel fetch`, which runs no
action), then its server is shut down and the build runs in the namespace.
"""

import contextlib
import fcntl
import os
import pathlib
import shlex
import shutil
import subprocess
import time

import pytest

import bazel

NAMESPACES = {"a": "pystatic-rc-a", "b": "pystatic-rc-b"}
VETHS = {"a": "pstrc-a", "b": "pstrc-b"}
ADDRESSES = {"a": "10.77.0.1", "b": "10.77.0.2"}
PORT = 8077
# A path under the server's root, as a team would give each cache its own
# (an HTTP cache has no --remote_instance_name; the URL's path is the way).
CACHE_PATH = "/pystatic-monorepo"
CACHE_URL = "http://{}:{}{}".format(ADDRESSES["a"], PORT, CACHE_PATH)
TARGETS = ["//app", "//ship:app_single_file"]
BINARIES = ["app/app", "ship/app_single_file"]
# What a cache hit must spare host B, and what host A must have run.
WORK_MNEMONICS = ["CppCompile", "PyStaticIsolate", "CppLink", "PyStaticPack"]
# Serializes runs of this test on one machine: the names above are fixed so
# that a run can always remove what an interrupted run left behind.
LOCK_PATH = "/tmp/pystatic-remote-cache.lock"
# Extra build flags for host B only, to see what breaks hits, e.g.
# PYSTATIC_REMOTE_CACHE_HOST_B_FLAGS="--copt=-O1" turns the test red.
HOST_B_FLAGS = shlex.split(os.environ.get("PYSTATIC_REMOTE_CACHE_HOST_B_FLAGS", ""))
CACHE = pathlib.Path(os.environ.get("PYSTATIC_CACHE", pathlib.Path.home() / ".cache" / "rules_pystatic"))
COUNTS_FILE = pathlib.Path(os.environ.get("PYSTATIC_RESULTS") or pathlib.Path(__file__).resolve().parents[2] / "test-results") / "remote-cache-counts.txt"

NGINX_CONF = """\
daemon off;
master_process on;
worker_processes 1;
user root root;
pid {dir}/nginx.pid;
error_log {dir}/error.log info;
events {{ worker_connections 256; }}
http {{
    access_log {dir}/access.log;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    client_max_body_size 0;
    server {{
        listen {address}:{port};
        root {root};
        location / {{
            dav_methods PUT DELETE MKCOL;
            create_full_put_path on;
            dav_access user:rw group:r all:r;
        }}
    }}
}}
"""


def _run(argv, check=True, timeout=120, **kwargs):
    result = subprocess.run(
        argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=timeout, **kwargs
    )
    if check and result.returncode != 0:
        raise AssertionError("{} failed ({}):\n{}".format(" ".join(argv), result.returncode, result.stdout[-6000:]))
    return result


def _on(host, argv):
    """argv run inside host's network namespace."""
    return ["nsenter", "--net=/run/netns/" + NAMESPACES[host], *argv]


def _remove_hosts():
    """Deletes the namespaces and veth pair of this or an earlier run, with
    whatever still runs in them (an earlier run's nginx or Bazel server)."""
    for host, name in NAMESPACES.items():
        if not os.path.exists("/run/netns/" + name):
            continue
        pids = _run(["ip", "netns", "pids", name], check=False).stdout.split()
        for pid in pids:
            with contextlib.suppress(ProcessLookupError, ValueError):
                os.kill(int(pid), 9)
        deleted = _run(["ip", "netns", "del", name], check=False)
        if os.path.exists("/run/netns/" + name):
            raise AssertionError("could not delete network namespace {}: {}".format(name, deleted.stdout))
    for veth in VETHS.values():
        # Only left in the machine's own namespace if an earlier run died
        # between creating the pair and moving it.
        if os.path.exists("/sys/class/net/" + veth):
            _run(["ip", "link", "del", veth], check=False)


def _make_hosts():
    add = _run(["ip", "netns", "add", NAMESPACES["a"]], check=False)
    if add.returncode != 0:
        pytest.fail(
            "the remote-cache test needs network namespaces (root with CAP_NET_ADMIN and "
            "CAP_SYS_ADMIN; in a container, --cap-add NET_ADMIN --cap-add SYS_ADMIN): "
            "`ip netns add` said:\n" + add.stdout,
            pytrace=False,
        )
    _run(["ip", "netns", "add", NAMESPACES["b"]])
    _run(
        ["ip", "link", "add", VETHS["a"], "netns", NAMESPACES["a"], "type", "veth",
         "peer", "name", VETHS["b"], "netns", NAMESPACES["b"]]
    )
    for host in NAMESPACES:
        _run(_on(host, ["ip", "link", "set", "lo", "up"]))  # Bazel's client talks to its server on localhost
        _run(_on(host, ["ip", "addr", "add", ADDRESSES[host] + "/24", "dev", VETHS[host]]))
        _run(_on(host, ["ip", "link", "set", VETHS[host], "up"]))


def _probe(host, timeout=20):
    """True once host reaches the cache's port (a TCP connect from inside host)."""
    code = (
        "import socket, sys, time\n"
        "deadline = time.time() + {t}\n"
        "while time.time() < deadline:\n"
        "    try:\n"
        "        socket.create_connection(('{a}', {p}), timeout=1).close(); sys.exit(0)\n"
        "    except OSError: time.sleep(0.2)\n"
        "sys.exit(1)\n"
    ).format(t=timeout, a=ADDRESSES["a"], p=PORT)
    return _run(_on(host, ["python3", "-c", code]), check=False, timeout=timeout + 10).returncode == 0


@contextlib.contextmanager
def _cache_server(tmp):
    """nginx with WebDAV on host A, its document root under tmp."""
    nginx_dir = tmp / "nginx"
    root = tmp / "cache-root"
    for d in (nginx_dir, root):
        d.mkdir()
    conf = nginx_dir / "nginx.conf"
    conf.write_text(NGINX_CONF.format(dir=nginx_dir, root=root, address=ADDRESSES["a"], port=PORT))
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    log = open(nginx_dir / "stdout.log", "w")
    proc = subprocess.Popen(
        _on("a", [nginx, "-e", str(nginx_dir / "error.log"), "-p", str(nginx_dir), "-c", str(conf)]),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        if not _probe("b"):
            proc.kill()
            raise AssertionError(
                "nginx on host A is not reachable from host B at {}:\n{}\n{}".format(
                    CACHE_URL,
                    (nginx_dir / "stdout.log").read_text(),
                    (nginx_dir / "error.log").read_text() if (nginx_dir / "error.log").exists() else "",
                )
            )
        yield root
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


class Host:
    """One machine: its own copy of the example and its own Bazel server."""

    def __init__(self, name, tmp):
        self.name = name
        self.workspace = tmp / "host-{}".format(name) / "monorepo"
        shutil.copytree(bazel.EXAMPLE, self.workspace, symlinks=True, ignore=shutil.ignore_patterns("bazel-*"))
        self.startup = [
            "--output_user_root={}".format(tmp / "host-{}".format(name) / "bazel-root"),
            "--max_idle_secs=300",
        ]
        self.log = tmp / "host-{}.exec.json".format(name)

    def bazel(self, args, in_namespace=True, check=True, timeout=1800):
        argv = ["bash", str(bazel.BAZEL), *self.startup, *args]
        if in_namespace:
            argv = _on(self.name, argv)
        env = dict(os.environ)
        env.pop("PYTHONPATH", None)
        return _run(argv, check=check, timeout=timeout, cwd=self.workspace, env=env)

    def build(self, *flags):
        """Fetches on the machine's network, then builds cold inside the namespace."""
        self.bazel(["fetch", *TARGETS, *flags], in_namespace=False)  # flags can rename repositories
        self.bazel(["shutdown"], in_namespace=False)
        start = time.monotonic()
        output = self.bazel(
            [
                "build",
                *TARGETS,
                "--remote_cache=" + CACHE_URL,
                # tools/bazel.sh's rc gives every build the machine's disk
                # cache; another machine would not have it.
                "--disk_cache=",
                "--execution_log_json_file={}".format(self.log),
                *flags,
            ]
        ).stdout
        seconds = time.monotonic() - start
        self.log.with_suffix(".out").write_text(output)
        return output, seconds, bazel.read_execution_log(self.log)

    def run_binaries(self):
        """What each binary prints, with this host's bazel-bin written <bazel-bin>
        (the program prints where its extension "is", under the runfiles)."""
        bin_dir = self.workspace / "bazel-bin"
        outputs = []
        for binary in BINARIES:
            out = _run([str(bin_dir / binary), "remote", "cache"], cwd=self.workspace).stdout
            outputs.append(out.replace(os.path.realpath(bin_dir), "<bazel-bin>"))
        return outputs

    def shutdown(self):
        self.bazel(["shutdown"], check=False, timeout=120)


def _counts(spawns):
    """mnemonic -> (executed, cache hits)."""
    counts = {}
    for spawn in spawns:
        executed, hits = counts.get(spawn.get("mnemonic", "?"), (0, 0))
        if bazel.is_cache_hit(spawn):
            hits += 1
        else:
            executed += 1
        counts[spawn.get("mnemonic", "?")] = (executed, hits)
    return counts


def _table(results):
    a, b = _counts(results["a"]["spawns"]), _counts(results["b"]["spawns"])
    rows = ["{:<22} {:>13} {:>13}".format("mnemonic", "host A ran/hit", "host B ran/hit")]
    for mnemonic in sorted(set(a) | set(b)):
        rows.append(
            "{:<22} {:>13} {:>13}".format(
                mnemonic, "{}/{}".format(*a.get(mnemonic, (0, 0))), "{}/{}".format(*b.get(mnemonic, (0, 0)))
            )
        )
    rows.append("{:<22} {:>13} {:>13}".format(
        "build time (s)", "{:.1f}".format(results["a"]["seconds"]), "{:.1f}".format(results["b"]["seconds"])))
    for host in ("a", "b"):
        for line in results[host]["output"].splitlines():
            if line.startswith("INFO: Elapsed time") or " processes: " in line:
                rows.append("host {}: {}".format(host.upper(), line[len("INFO: "):] if line.startswith("INFO: ") else line))
    return "\n".join(rows)


@pytest.fixture(scope="module")
def hosts(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("remote-cache")
    with open(LOCK_PATH, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        _remove_hosts()
        started = []
        try:
            _make_hosts()
            with _cache_server(tmp) as cache_root:
                results = {"tmp": tmp}
                for name in ("a", "b"):
                    host = Host(name, tmp)
                    started.append(host)
                    output, seconds, spawns = host.build(*(HOST_B_FLAGS if name == "b" else []))
                    results[name] = {
                        "output": output,
                        "seconds": seconds,
                        "spawns": spawns,
                        "runs": host.run_binaries(),
                    }
                    host.shutdown()
                    if name == "a":
                        results["cache_entries"] = sum(1 for p in cache_root.rglob("*") if p.is_file())
                results["access_log"] = (tmp / "nginx" / "access.log").read_text()
                yield results
        finally:
            for host in started:
                host.shutdown()
            _remove_hosts()


def test_counts_are_reported(hosts, record_property, capsys):
    table = _table(hosts)
    with capsys.disabled():  # into the suite's output even without -s
        print("\n" + table)
    COUNTS_FILE.parent.mkdir(parents=True, exist_ok=True)
    COUNTS_FILE.write_text(
        "Remote cache between two hosts (tests/integration/test_remote_cache.py), {}\n{}\n".format(
            " ".join(TARGETS), table
        )
    )
    for host in ("a", "b"):
        for mnemonic, (executed, hits) in sorted(_counts(hosts[host]["spawns"]).items()):
            record_property("host_{}_{}".format(host, mnemonic), "{} ran, {} hits".format(executed, hits))
        record_property("host_{}_seconds".format(host), "{:.1f}".format(hosts[host]["seconds"]))


def test_host_a_ran_the_work_and_filled_the_cache(hosts):
    counts = _counts(hosts["a"]["spawns"])
    for mnemonic in WORK_MNEMONICS:
        assert counts.get(mnemonic, (0, 0))[0] > 0, (mnemonic, counts)
    assert hosts["cache_entries"] > 0, "host A uploaded nothing to " + CACHE_URL


def test_host_b_ran_no_compile_isolate_link_or_pack(hosts):
    counts = _counts(hosts["b"]["spawns"])
    ran = {m: counts[m][0] for m in WORK_MNEMONICS if counts.get(m, (0, 0))[0]}
    assert ran == {}, "host B ran actions despite the remote cache:\n" + _table(hosts)
    for mnemonic in WORK_MNEMONICS:
        assert counts.get(mnemonic, (0, 0))[1] > 0, (mnemonic, counts)


def test_hits_came_from_the_remote_cache_not_a_disk_cache(hosts):
    runners = {s.get("runner") for s in hosts["b"]["spawns"] if bazel.is_cache_hit(s)}
    assert runners == {"remote cache hit"}, runners
    # ... over the veth link: nginx served host B's address.
    served = [
        line
        for line in hosts["access_log"].splitlines()
        if line.startswith(ADDRESSES["b"] + " ") and '"GET {}/'.format(CACHE_PATH) in line and '" 200 ' in line
    ]
    assert served, "nginx served nothing to host B:\n" + hosts["access_log"][-3000:]


def test_host_b_binaries_print_what_host_a_binaries_print(hosts):
    assert hosts["b"]["runs"] == hosts["a"]["runs"]
    assert "fib(90) = 2880067194370816120" in hosts["b"]["runs"][0]


def test_action_keys_hold_no_machine_paths(hosts):
    """The work actions' command lines (params files included) and
    environments name no absolute path of the checkout, the example's copy,
    the output root or the Python install: a machine with other paths gets
    the same keys. (Both hosts here share the Python install's path, so the
    hits alone do not show that one.)"""
    pyenv = os.environ.get("PYENV_ROOT", str(pathlib.Path.home() / ".pyenv"))
    forbidden = [str(bazel.ROOT), str(hosts["tmp"]), pyenv]
    execroot = hosts["tmp"] / "host-a" / "monorepo"  # its bazel-out link is the execroot's
    offenders, params_files = [], 0
    for spawn in hosts["a"]["spawns"]:
        if spawn.get("mnemonic") not in WORK_MNEMONICS:
            continue
        words = list(spawn.get("commandArgs", [])) + [e.get("value", "") for e in spawn.get("environmentVariables", [])]
        for arg in spawn.get("commandArgs", []):
            if arg.startswith("@bazel-out/"):
                words += (execroot / arg[1:]).read_text().splitlines()
                params_files += 1
        for word in words:
            if any(f in word for f in forbidden):
                offenders.append((spawn.get("mnemonic"), word))
    assert offenders == [], offenders[:20]
    assert params_files > 0, "no params file read: the link's command line was not checked"
