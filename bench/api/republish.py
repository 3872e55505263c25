#!/usr/bin/env python3
"""The cost of publishing the whole national read model once: the start-up reconcile of an app whose read-model
fingerprint differs from the database's republishes every entity (entries, and from issue 17 the stored details).

    python3 bench/api/republish.py --jar JAR --pgdata bench/out/pgdata-v12 [--out FILE]

Starts the jar on the database (no import, no Quartz), waits for the start-up publish's log line
("Catalogue read model: N entities published ... in S s"), samples the CPU of the JVM and of the embedded
PostgreSQL (postmaster and backends, via postmaster.pid) from start to that line, prints one line, stops the app.
The app's start-up (Flyway, index loads) is included in the CPU figures; the log's seconds are the publish alone.
"""
import argparse
import os
import re
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import api_bench  # noqa: E402  (cpu_sample, proc helpers)

PUBLISHED = re.compile(r"Catalogue read model: (\d+) entities published(?:, (\d+) details rendered[^,]*,)? in (\d+) s")


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(a, pgdata):
    log = open(a.log, "w")
    return subprocess.Popen(["java", "-Xmx512m", "-XX:+UseG1GC", "-jar", a.jar, f"--server.port={free_port()}",
                             f"--tarjotin.embedded-postgres.data-directory={pgdata}",
                             "--tarjotin.sources.ptv.import-on-startup=false", "--spring.quartz.auto-startup=false",
                             "--tarjotin.dedup.resolve-on-startup=false", *a.app_arg],
                            stdout=log, stderr=subprocess.STDOUT)


def stop(app):
    app.send_signal(signal.SIGTERM)
    try:
        app.wait(60)
    except subprocess.TimeoutExpired:
        app.kill()


def invalidate(a, pgdata):
    """Sets another read-model fingerprint through the running app's embedded PostgreSQL, so the next start
    republishes everything."""
    app = start(a, pgdata)
    try:
        with open(os.path.join(pgdata, "tarjotin-password")) as f:
            password = f.read().strip()
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            time.sleep(2)
            try:
                with open(os.path.join(pgdata, "postmaster.pid")) as f:
                    port = f.read().split("\n")[3].strip()
            except (OSError, IndexError):
                continue
            done = subprocess.run(["psql", "-h", "127.0.0.1", "-p", port, "-U", "postgres", "-d", "postgres", "-Atc",
                                   "UPDATE catalogue_state SET fingerprint = 'invalidated by bench/api/republish.py'"],
                                  env={**os.environ, "PGPASSWORD": password}, capture_output=True, text=True)
            if done.returncode == 0 and "UPDATE 1" in done.stdout:
                return
        raise SystemExit("could not invalidate the read model's fingerprint")
    finally:
        stop(app)


def pg_ticks(sample):
    return sum(sample["pg"].values()) if sample["pg"] else 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jar", required=True)
    ap.add_argument("--pgdata", required=True)
    ap.add_argument("--log", default="bench/out/app-republish.log")
    ap.add_argument("--out")
    ap.add_argument("--timeout", type=int, default=1800)
    ap.add_argument("--app-arg", action="append", default=[], help="another argument for the app (repeatable)")
    ap.add_argument("--invalidate", action="store_true",
                    help="first start the app once and mark the read model as built by another format (needs psql)")
    a = ap.parse_args()
    pgdata = os.path.abspath(a.pgdata)
    if a.invalidate:
        invalidate(a, pgdata)
    hz = os.sysconf("SC_CLK_TCK")
    load_before = os.getloadavg()
    app = start(a, pgdata)
    started = time.monotonic()
    busy0 = api_bench.machine_busy_ticks()
    pg_seen = {}
    match = None
    try:
        while time.monotonic() - started < a.timeout and app.poll() is None:
            sample = api_bench.cpu_sample(app.pid, pgdata)
            if sample["pg"]:
                pg_seen.update(sample["pg"])  # backends that end keep their last ticks
            app_ticks = sample["app"]
            with open(a.log) as log:
                match = PUBLISHED.search(log.read())
            if match:
                break
            time.sleep(0.5)
        busy1 = api_bench.machine_busy_ticks()
        wall = time.monotonic() - started
    finally:
        stop(app)
    if not match:
        print("no start-up publish line in the log", file=sys.stderr)
        return 1
    entities, details, seconds = int(match.group(1)), match.group(2), int(match.group(3))
    app_s, pg_s = app_ticks / hz, sum(pg_seen.values()) / hz
    other = (busy1[0] - busy0[0]) / hz - app_s - pg_s
    line = (f"{os.path.basename(a.jar)}: {entities} entities republished in {seconds} s (log)"
            f"{', ' + details + ' details rendered again' if details else ''}; start to end {wall:.0f} s; "
            f"CPU app {app_s:.1f} s ({1000 * app_s / entities:.2f} ms/entity), PostgreSQL {pg_s:.1f} s "
            f"({1000 * pg_s / entities:.2f} ms/entity); other processes {other:.0f} CPU s; "
            f"load average before {load_before[0]:.1f}, after {os.getloadavg()[0]:.1f}")
    print(line)
    if a.out:
        with open(a.out, "a") as f:
            f.write(line + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
