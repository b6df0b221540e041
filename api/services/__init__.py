"""What the service does, independent of HTTP: each module owns one resource."""
