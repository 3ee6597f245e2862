"""`tei build`: sources → encode → validate → web → PDF, parallel, incremental, distributable.

    config.py     edition.toml → frozen settings (unknown keys and wrong types named)
    model.py      the values shipped to workers: documents, stage results, diagnostics
    stages.py     the stage table: one small adapter per stage module
    worker.py     one document through the document stages, wherever it runs
    executors.py  this process, a process pool, or a Dask cluster
    cache.py      the content-hash manifest in build/.cache, and the journal of finished documents
    outputs.py    atomic writes on a few threads, into a layout of output folders
    build.py      the run: plan, document stages, shared stages, manifest, report
    single.py     `tei encode`, `tei web`, `tei pdf` on the same stages and executors, without a cache
    progress.py   bars on a terminal, plain lines elsewhere
    report.py     build/report.json and the summary table
"""

from tei.pipeline.build import BuildOptions, build_edition
from tei.pipeline.config import ConfigError, EditionConfig, default_config, load_config

__all__ = [
    "BuildOptions", "ConfigError", "EditionConfig", "build_edition", "default_config", "load_config",
]
