"""Plans (Kế hoạch) and directives as living objects: their targets, their tasks for
agencies, the documents they implement; importing and exporting plan documents."""
