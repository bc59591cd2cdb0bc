"""Scale-out of batch coding on Dask."""

from watchfloor.scale.runner import ScaleSummary, code_with_dask

__all__ = ["ScaleSummary", "code_with_dask"]
