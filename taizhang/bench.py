"""`taizhang bench`: scan speed and memory as ratios against floors measured in the same run.

- txt: end-to-end scan vs. just reading the files and `jieba.lcut` on them (target ≥ 0.7×);
- pdf: end-to-end scan vs. pypdfium2 text extraction + `jieba.lcut` (target ≥ 0.5×);
- workers: `--workers 2` vs `--workers 1` (target ≥ 1.5× on 2 cores);
- memory: peak RSS scanning 4× the files vs. 1× (bounded: target ≤ 1.2×);
- ocr (with --ocr, when OCR is installed): scanning PDFs whose pages are pictures (the
  text-layer PDFs printed at 150 dpi) end to end vs. RapidOCR alone on the same pages
  rendered as the scanner renders them (target ≥ 0.7×: reading the page is the cost).
Each timed case runs `--repeat` rounds, baseline and scan alternating, and keeps each
side's fastest round (as timeit does): a one-off stall elsewhere on the machine then
moves neither side.
Input is the corpus's own documents (corpora/documents), written out as .txt and,
for the PDF case, typeset into text-layer PDFs with reportlab before timing starts.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import jieba

from classifier.corpus import CORPUS_DIR
from classifier.model import ClauseModel
from classifier.tokenize import clear_cache
from extractor.backends.unembedded import chinese_font_installed

from .scan import Scanner, scan_paths

TARGETS = {"txt": 0.7, "pdf": 0.5, "workers": 1.5, "memory": 1.2, "ocr": 0.7}


def _timed(fn) -> float:
    clear_cache()  # every timed run tokenises from scratch
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _fastest(rounds: int, first, second) -> tuple[float, float]:
    """Each side's fastest of `rounds` alternating runs."""
    times = [(_timed(first), _timed(second)) for _ in range(max(1, rounds))]
    return min(t[0] for t in times), min(t[1] for t in times)


def _write_txt(sources: list[Path], out: Path) -> list[Path]:
    paths = []
    for src in sources:
        dst = out / f"{src.stem}.txt"
        dst.write_bytes(src.read_bytes())
        paths.append(dst)
    return paths


def _write_pdfs(sources: list[Path], out: Path) -> list[Path]:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    paths = []
    per_line = 36
    for src in sources:
        dst = out / f"{src.stem}.pdf"
        c = canvas.Canvas(str(dst), pagesize=A4)
        y, page = 800, 1
        lines = []
        for para in src.read_text(encoding="utf-8").splitlines():
            para = para.strip().lstrip("#").strip()
            if para and not para.startswith("<!--"):
                lines += [para[i:i + per_line] for i in range(0, len(para), per_line)]
        for line in lines:
            if y < 60:
                c.setFont("STSong-Light", 10)
                c.drawCentredString(297, 30, f"— {page} —")
                c.showPage()
                y, page = 800, page + 1
            c.setFont("STSong-Light", 12)
            c.drawString(60, y, line)
            y -= 18
        c.drawCentredString(297, 30, f"— {page} —")
        c.save()
        paths.append(dst)
    return paths


def _baseline_txt(paths):
    for p in paths:
        jieba.lcut(p.read_bytes().decode("utf-8"))


def _baseline_pdf(paths):
    import pypdfium2 as pdfium

    for p in paths:
        pdf = pdfium.PdfDocument(str(p))
        text = "\n".join(page.get_textpage().get_text_range() for page in pdf)
        pdf.close()
        jieba.lcut(text)


def _write_scans(pdfs: list[Path], out: Path, dpi: int = 150) -> list[Path]:
    """Each text-layer PDF printed and scanned back: every page one picture."""
    import pypdfium2 as pdfium

    paths = []
    for src in pdfs:
        pdf = pdfium.PdfDocument(str(src))
        pages = [page.render(scale=dpi / 72).to_pil().convert("RGB") for page in pdf]
        pdf.close()
        dst = out / f"{src.stem}.scan.pdf"
        pages[0].save(dst, "PDF", save_all=True, append_images=pages[1:], resolution=dpi)
        paths.append(dst)
    return paths


def _baseline_ocr(paths):
    import numpy as np
    import pypdfium2 as pdfium

    from extractor.backends import ocr

    for p in paths:
        pdf = pdfium.PdfDocument(str(p))
        for page in pdf:
            ocr.engine()(np.asarray(page.render(scale=ocr.DPI / 72).to_pil().convert("RGB")), use_cls=False)
        pdf.close()


def _scan_all(scanner: Scanner, paths):
    for p in paths:
        for record in scanner.scan(p):
            json.dumps(record, ensure_ascii=False)


def _peak_rss_kib(paths, model: Path) -> int:
    # The scan's own high-water mark (VmHWM): getrusage's ru_maxrss keeps the largest
    # size of the process it was forked from (this benchmark, once it has run OCR).
    code = (
        "import re, resource, sys\n"
        "from taizhang.cli import main\n"
        "main(['scan', '--jsonl', '--workers', '1', '--model', sys.argv[1], *sys.argv[2:]])\n"
        "try:\n"
        "    hwm = int(re.search(r'VmHWM:\\s*(\\d+)', open('/proc/self/status').read()).group(1))\n"
        "except (OSError, AttributeError):\n"
        "    hwm = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(hwm, file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(model), *map(str, paths)],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
    return int(proc.stderr.strip().splitlines()[-1])


def run(args) -> int:
    sources = sorted((CORPUS_DIR / "documents").glob("*.md"))[: args.files]
    model = ClauseModel.load(args.model)
    scanner = Scanner(model)
    jieba.initialize()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "txt").mkdir()
        (tmp / "pdf").mkdir()
        txt = _write_txt(sources, tmp / "txt")
        pdfs = _write_pdfs(sources[: max(10, len(sources) // 4)], tmp / "pdf")
        size_mb = sum(p.stat().st_size for p in txt) / 2**20
        print(f"{len(txt)} .txt files ({size_mb:.1f} MB), {len(pdfs)} text-layer PDFs, "
              f"fastest of {args.repeat} rounds", file=sys.stderr)
        _scan_all(scanner, txt[:3])  # warm up both paths: jieba dictionaries, model
        _baseline_txt(txt[:3])

        base, ours = _fastest(args.repeat, lambda: _baseline_txt(txt), lambda: _scan_all(scanner, txt))
        results["txt"] = (base / ours, f"read+jieba.lcut {base:.2f}s, scan {ours:.2f}s, {size_mb / ours:.2f} MB/s")

        if chinese_font_installed():
            base, ours = _fastest(args.repeat, lambda: _baseline_pdf(pdfs), lambda: _scan_all(scanner, pdfs))
            results["pdf"] = (base / ours, f"pypdfium2+jieba.lcut {base:.2f}s, scan {ours:.2f}s")
        else:  # the typeset PDFs' font is not embedded: pdfminer would read them, not pdfium
            print("no Chinese font installed (apt-get install fonts-wqy-microhei): no pdf case", file=sys.stderr)

        one, two = _fastest(args.repeat, lambda: [None for _ in scan_paths(txt, args.model, workers=1)],
                            lambda: [None for _ in scan_paths(txt, args.model, workers=2)])
        results["workers"] = (one / two, f"--workers 1 {one:.2f}s, --workers 2 {two:.2f}s")

        if args.ocr:
            import pypdfium2 as pdfium

            from extractor.backends import ocr

            if not ocr.available():
                print("OCR is not installed (pip install 'taizhang[ocr]'): no ocr case", file=sys.stderr)
            else:
                (tmp / "scan").mkdir()
                scans = _write_scans(pdfs[:3], tmp / "scan")
                pages = sum(len(pdfium.PdfDocument(str(p))) for p in scans)
                _baseline_ocr(scans[:1])  # load the models before timing
                base, ours = _fastest(min(args.repeat, 2), lambda: _baseline_ocr(scans), lambda: _scan_all(scanner, scans))
                results["ocr"] = (base / ours, f"RapidOCR alone {base:.1f}s, scan {ours:.1f}s, "
                                               f"{pages} pages, {ours / pages:.2f} s/page")

        quarter = txt[: max(1, len(txt) // 4)]
        small, large = _peak_rss_kib(quarter, args.model), _peak_rss_kib(txt, args.model)
        results["memory"] = (large / small, f"peak RSS {len(quarter)} files {small / 1024:.0f} MiB, "
                                            f"{len(txt)} files {large / 1024:.0f} MiB")

    ok = True
    print(f"{'case':<9}{'ratio':>7}{'target':>9}  result  detail")
    for case, (ratio, detail) in results.items():
        good = ratio <= TARGETS[case] if case == "memory" else ratio >= TARGETS[case]
        ok &= good
        sign = "≤" if case == "memory" else "≥"
        print(f"{case:<9}{ratio:>6.2f}×{sign:>4}{TARGETS[case]:.1f}×  {'pass' if good else 'FAIL':<6}  {detail}")
    return 0 if ok else 1
