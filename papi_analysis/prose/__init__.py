"""Figures out of prose reports (.txt, .md, .docx), each with the sentence it came from."""
