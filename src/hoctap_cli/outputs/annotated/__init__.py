"""The officer's own workbook returned with results, errors and a summary added."""
