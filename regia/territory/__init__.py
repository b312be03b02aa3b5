"""Territory referential: communes, EPCI, departments, regions; resolve places."""
