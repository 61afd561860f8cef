"""Low-level OOXML: the package (zip + parts), paragraph text maps, tracked-change writing."""
