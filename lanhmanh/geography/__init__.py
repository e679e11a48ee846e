"""Administrative units (provinces, districts, communes) with their validity dates, and the
changes (merge, split, rename, abolition) that link old units to their successors."""
