"""PDF documents a meeting gives out, laid out after Decree 30/2020/NĐ-CP."""
