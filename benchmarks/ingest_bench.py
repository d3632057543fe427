"""Ingest throughput and memory: does `manage.py ingest` stay flat from a hundred notices to thousands?

Builds folders of N notices by recombining real paragraphs (../shared/corpus when present, else the
sample notices), ingests each folder with the real command (`--workers` 1, then 2 by default) into a fresh
SQLite database, samples the resident memory of the command and its workers as it runs, and prints files/s,
MB/s and peak RSS per size and number of workers.

    .venv/bin/python benchmarks/ingest_bench.py --sizes 100,1000,5000 --workers 1,2
    .venv/bin/python benchmarks/ingest_bench.py --sizes 10000 --rounds 3     # w1, w2, w1, w2, w1, w2
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench" / "ingest"
CORPUS = ROOT.parent / "shared" / "corpus"


def source_paragraphs() -> list[str]:
    folders = [CORPUS] if CORPUS.is_dir() else []
    folders.append(ROOT / "fixtures" / "notices")
    paragraphs = []
    for folder in folders:
        for path in sorted(folder.glob("*.txt")):
            text = path.read_text(encoding="utf-8", errors="replace")
            paragraphs.extend(p.strip() for p in text.splitlines() if len(p.strip()) > 20)
    return paragraphs


def build_folder(size: int, paragraphs: list[str]) -> tuple[Path, int]:
    folder = BENCH_DIR / f"notices-{size}"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    rng = random.Random(size)
    total = 0
    for number in range(size):
        body = "\n".join(rng.sample(paragraphs, k=min(len(paragraphs), rng.randint(15, 40))))
        text = f"关于印发第{number}号产业发展工作方案的通知\n{body}\n"
        data = text.encode("utf-8") if number % 5 else text.encode("gb18030")  # every fifth file in GBK
        (folder / f"{number // 1000:03d}").mkdir(exist_ok=True)
        (folder / f"{number // 1000:03d}" / f"notice-{number:06d}.txt").write_bytes(data)
        total += len(data)
    return folder, total


def rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_kib(pid: int) -> int:
    """Resident memory of a process and its children (the --workers processes), in KiB."""
    total = rss_kib(pid)
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return total
    return total + sum(tree_rss_kib(int(child)) for child in children)


def run_ingest(folder: Path, database: Path, workers: int) -> tuple[float, list[int], int]:
    database.unlink(missing_ok=True)
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DEBUG": "0",
        "SECRET_KEY": "bench" * 10,
        "ALLOWED_HOSTS": "localhost",
    }
    python = sys.executable
    subprocess.run([python, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    started = time.perf_counter()
    process = subprocess.Popen(
        [python, "manage.py", "ingest", str(folder), "--quiet-progress", "--workers", str(workers)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    samples = []
    while process.poll() is None:
        samples.append(tree_rss_kib(process.pid))
        time.sleep(0.2)
    elapsed = time.perf_counter() - started
    output = process.stdout.read()
    print("   ", output.strip().splitlines()[-1] if output.strip() else "(no output)")
    return elapsed, [s for s in samples if s], process.returncode


def host_seconds() -> float:
    """CPU seconds a fixed pure-Python loop takes now. This host's cores are shared and its speed drifts by half
    within an hour, so each run is printed beside this reference, measured just before it."""
    started = time.process_time()
    total = 0
    for number in range(10_000_000):
        total += number
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,1000,3000")
    parser.add_argument("--workers", default="1,2", help="ingest --workers values to run at each size")
    parser.add_argument("--rounds", type=int, default=1, help="times to run each size's --workers values in turn")
    args = parser.parse_args()
    paragraphs = source_paragraphs()
    print(f"source paragraphs: {len(paragraphs)} ({'corpus + samples' if CORPUS.is_dir() else 'samples only'})")
    print("host: CPU seconds of a fixed 10-million-step Python loop, just before the run (lower is a faster host)")
    print("× first: MB/s over that of the round's first --workers value (run just before it)")
    print(
        f"{'notices':>8} {'workers':>7} {'MB':>7} {'seconds':>8} {'files/s':>8} {'MB/s':>6} {'× first':>7} "
        f"{'host':>5} {'RSS@25%':>9} {'RSS@50%':>9} {'peak RSS':>9}"
    )
    for size in (int(s) for s in args.sizes.split(",")):
        folder, total = build_folder(size, paragraphs)
        for _ in range(args.rounds):
            first_rate = None
            for workers in (int(w) for w in args.workers.split(",")):
                host = host_seconds()
                elapsed, samples, code = run_ingest(folder, BENCH_DIR / f"ingest-{size}.sqlite3", workers)
                rate = total / 1e6 / elapsed
                first_rate = first_rate or rate
                report(size, workers, total, elapsed, samples, code, ratio=rate / first_rate, host=host)


def report(
    size: int, workers: int, total: int, elapsed: float, samples: list[int], code: int, *, ratio: float, host: float
) -> None:
    quarter = samples[len(samples) // 4] if samples else 0
    half = samples[len(samples) // 2] if samples else 0
    peak = max(samples, default=0)
    print(
        f"{size:>8} {workers:>7} {total / 1e6:>7.1f} {elapsed:>8.1f} "
        f"{size / elapsed:>8.1f} {total / 1e6 / elapsed:>6.2f} {ratio:>7.2f} {host:>5.2f} "
        f"{quarter / 1024:>8.0f}M {half / 1024:>8.0f}M {peak / 1024:>8.0f}M  exit={code}"
    )


if __name__ == "__main__":
    main()
