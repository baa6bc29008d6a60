"""Getting submissions in (form workbooks, tidy CSV, the illustrative panel) and checking them."""
