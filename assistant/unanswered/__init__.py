"""What the assistant could not answer (fallbacks, thumbs down), grouped so staff can
teach it: a training example written to ``nlu_data/`` and a retraining job."""
