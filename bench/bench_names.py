#!/usr/bin/env python3
"""How entity ids scale with the number of distinct names in a document and a corpus.

  python3 bench/bench_names.py [--cli build-release/tools/libanalysis] [--sizes 2000 8000 32000]

For each size N it writes a text of N one-line paragraphs, each naming a different made-up
person and organisation ("Kalomi Rutenbar of the Dovfel Council met ..."), and times
`libanalysis analyze --text` on it (one document; the CLI also adds it to a corpus). The
ids of a document were once found by comparing every distinct name with every other, and
the corpus scanned all its entries per mention: both quadratic. The figure to watch is the
seconds per name as N grows, which should stay flat. A benchmark, never a timed test."""
import argparse, os, random, subprocess, sys, tempfile, time

SYLLABLES = ["ka", "lo", "mi", "ru", "ten", "bar", "dov", "fel", "gur", "hask", "zan", "per"]


def name(rng, words):
    return " ".join("".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize() for _ in range(words))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cli", default="build-release/tools/libanalysis")
    ap.add_argument("--sizes", type=int, nargs="+", default=[2000, 8000, 32000])
    a = ap.parse_args()
    if not os.access(a.cli, os.X_OK):
        sys.exit(f"bench_names: {a.cli} not found; build it first (meson compile -C build-release)")
    rng = random.Random(7)
    print(f"{'names':>8} {'bytes':>10} {'seconds':>8} {'us/name':>8}")
    for n in a.sizes:
        lines = [f"{name(rng, 2)} of the {name(rng, 1)} Council met officials in Kabul on Monday, "
                 f"the ministry said." for _ in range(n)]
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
            f.write("\n\n".join(lines))
            path = f.name
        t0 = time.perf_counter()
        subprocess.run([a.cli, "analyze", "--text", path], check=True, stdout=subprocess.DEVNULL)
        dt = time.perf_counter() - t0
        print(f"{n:>8} {os.path.getsize(path):>10} {dt:>8.2f} {1e6 * dt / n:>8.1f}")
        os.unlink(path)


if __name__ == "__main__":
    main()
