"""backpain: an offline, sourced reference on the causes of back pain."""
