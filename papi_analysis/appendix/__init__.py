"""What an appendix notebook shows: context, captions, tables and charts."""
