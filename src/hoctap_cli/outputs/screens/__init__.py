"""What a terminal shows: the verdict table, criteria, checks, differences, explanations."""
