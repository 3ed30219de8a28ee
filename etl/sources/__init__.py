"""Readers, one per input layout. Each turns a raw table (text columns + __line) into a declared shape."""
