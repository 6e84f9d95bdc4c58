"""Host families: the register of households in the partner cities and in Siegburg, with consent,
availability windows, ranked suggestions and deletion on request."""
