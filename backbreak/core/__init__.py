"""Pure decisions: when a break is due and what it is. No Qt, no scheduler."""
