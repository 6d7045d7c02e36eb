"""Working relationships teaching collection."""
