"""The people to call: one contact record per person, linked to as many fiches as needed with
their role on each (``ActionContact``); the public contacts directory and its admin."""
