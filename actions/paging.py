from functools import cached_property


class Listing:
    """Querysets listed one after the other, for Django's Paginator, each read only for the
    rows of the page asked for, and counted up to ``limit`` rows in all: a page then costs the
    same whatever the number of fiches that match. ``truncated`` tells that more match than
    are listed."""

    def __init__(self, *parts, limit):
        self.parts = parts
        self.limit = limit

    @cached_property
    def _counts(self):
        counts, left = [], self.limit + 1
        for part in self.parts:
            counts.append(part.order_by().values("pk")[:left].count() if left else 0)
            left -= counts[-1]
        return counts

    @property
    def truncated(self):
        return sum(self._counts) > self.limit

    def count(self):
        return min(sum(self._counts), self.limit)

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step is not None:
            raise TypeError("Listing takes slices without a step.")
        start = index.start or 0
        stop = self.count() if index.stop is None else min(index.stop, self.count())
        rows, offset = [], 0
        for part, size in zip(self.parts, self._counts, strict=True):
            low, high = max(start - offset, 0), min(stop - offset, size)
            if low < high:
                rows.extend(part[low:high])
            offset += size
        return rows
