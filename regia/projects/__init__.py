"""The Region's geolocated projects by commune and theme."""
