"""Scale-out of batch coding on Dask."""
