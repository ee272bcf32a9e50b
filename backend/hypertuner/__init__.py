"""HyperTuner: hyperparameter sweeps on Ray Tune, with a web dashboard, REST API, SDK and CLI.

Importing `hypertuner` loads only the SDK (httpx and the standard library), so a training
script pays nothing for the server:

    import hypertuner

    hypertuner.init()
    lr = hypertuner.params().get("lr", 1e-3)
    hypertuner.log({"train_loss": 0.41}, step=3, epoch=1)
"""

from hypertuner.sdk import SdkError, Session, finish, init, log, log_artifact, params

__all__ = ["SdkError", "Session", "finish", "init", "log", "log_artifact", "params"]
