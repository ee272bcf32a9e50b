"""Train a small CNN on scikit-learn's handwritten digits and report to HyperTuner.

The 1,797 8x8 images ship with scikit-learn, so nothing is downloaded. The validation split
is fixed (stratified, seed independent of ``--seed``) so every experiment of a sweep is scored
on the same images; it doubles as the test set of the confusion matrix.

Run standalone: ``python examples/digits_cnn/train.py --epochs 6 --lr 3e-3``. Inside a
launched experiment the HyperTuner SDK picks up its settings from the environment; where the
SDK is not installed a no-op stand-in keeps the script working.
"""

from __future__ import annotations

import argparse
import math
import random
import signal
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import FrameType
from typing import Any, Protocol

import numpy as np
import torch
from numpy.typing import NDArray
from sklearn.datasets import load_digits
from sklearn.metrics import confusion_matrix, precision_score, recall_score
from sklearn.model_selection import train_test_split
from torch import nn

NUM_CLASSES = 10
CLASS_LABELS = list(range(NUM_CLASSES))
IMAGE_SIDE = 8
PIXEL_MAX = 16.0
VAL_FRACTION = 0.2
SPLIT_SEED = 0
SGD_MOMENTUM = 0.9
MAX_EXAMPLES_PER_CELL = 20
OPTIMIZERS = ("adam", "sgd", "rmsprop")


class Tracker(Protocol):
    """The part of the HyperTuner SDK this script uses."""

    def init(self) -> object: ...

    def params(self) -> Mapping[str, object]: ...

    def log(
        self, values: Mapping[str, float], step: int | None = None, epoch: int | None = None
    ) -> object: ...

    def log_artifact(
        self, kind: str, payload: Mapping[str, object], name: str | None = None
    ) -> object: ...

    def finish(self, status: str = "completed") -> object: ...


class NoOpTracker:
    """Stands in for the SDK where HyperTuner is not installed; every call does nothing."""

    def init(self) -> None:
        """Start nothing."""

    def params(self) -> dict[str, object]:
        """No experiment, so no values."""
        return {}

    def log(
        self, values: Mapping[str, float], step: int | None = None, epoch: int | None = None
    ) -> None:
        """Drop the metrics."""

    def log_artifact(
        self, kind: str, payload: Mapping[str, object], name: str | None = None
    ) -> None:
        """Drop the artifact."""

    def finish(self, status: str = "completed") -> None:
        """Flush nothing."""


class InjectedFailureError(RuntimeError):
    """Raised on purpose by ``--fail-at-epoch`` to exercise failure handling."""


@dataclass(frozen=True)
class Split:
    """One side of the fixed split: tensors for the model, ids and raw pixels for reports."""

    images: torch.Tensor
    labels: torch.Tensor
    ids: NDArray[np.int64]
    pixels: NDArray[np.int64]


@dataclass(frozen=True)
class EpochStats:
    """Mean loss and accuracy over the training batches of one epoch."""

    loss: float
    accuracy: float


@dataclass(frozen=True)
class Evaluation:
    """Scores of the model on the validation split."""

    loss: float
    accuracy: float
    precision: float
    recall: float
    predictions: NDArray[np.int64]
    matrix: NDArray[np.int64]


@dataclass
class BatchLogger:
    """Logs each batch's loss under a global step that keeps counting across epochs."""

    tracker: Tracker
    epoch: int = 0
    step: int = 0

    def __call__(self, loss: float) -> None:
        """Count the batch and log its loss."""
        self.step += 1
        self.tracker.log({"batch_loss": loss}, step=self.step, epoch=self.epoch)


def positive_int(text: str) -> int:
    """Parse an integer of at least 1."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def positive_float(text: str) -> float:
    """Parse a finite float above 0."""
    value = float(text)
    if not (math.isfinite(value) and value > 0):
        raise argparse.ArgumentTypeError(f"must be a finite number above 0, got {text}")
    return value


def non_negative_float(text: str) -> float:
    """Parse a finite float of at least 0."""
    value = float(text)
    if not (math.isfinite(value) and value >= 0):
        raise argparse.ArgumentTypeError(f"must be a finite number >= 0, got {text}")
    return value


def probability(text: str) -> float:
    """Parse a dropout rate in [0, 1)."""
    value = float(text)
    if not 0 <= value < 1:
        raise argparse.ArgumentTypeError(f"must be in [0, 1), got {text}")
    return value


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Read the hyperparameters from the command line; bad values exit with status 2."""
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    add = parser.add_argument
    add("--batch-size", type=positive_int, default=64, help="training batch size")
    add("--dropout", type=probability, default=0.3, help="dropout before the classifier")
    add("--epochs", type=positive_int, default=6, help="passes over the training split")
    add("--lr", type=positive_float, default=1e-3, help="learning rate")
    add("--conv-layers", type=int, choices=(1, 2, 3), default=2, help="conv blocks")
    add("--optimizer", choices=OPTIMIZERS, default="adam", help="sgd uses momentum 0.9")
    add("--channels", type=positive_int, default=16, help="channels of the first conv")
    add("--seed", type=int, default=0, help="seed of weights and batch order")
    add("--weight-decay", type=non_negative_float, default=0.0, help="L2 penalty")
    add("--threads", type=positive_int, default=1, help="torch CPU threads")
    add("--fail-at-epoch", type=positive_int, default=None, help="raise at this epoch")
    return parser.parse_args(argv)


def load_tracker() -> Tracker:
    """Return the HyperTuner SDK, or a no-op stand-in where it is not installed."""
    try:
        import hypertuner
    except ImportError as error:
        # Only a missing SDK is expected; a broken one should fail loudly.
        if error.name != "hypertuner":
            raise
        return NoOpTracker()

    # Annotated so mypy checks the module against Tracker where the SDK is visible to it.
    sdk: Tracker = hypertuner
    return sdk


def exit_on_sigterm(signum: int, frame: FrameType | None) -> None:
    """Turn SIGTERM into SystemExit so the SDK session is flushed on the way out."""
    raise SystemExit(128 + signum)


def seed_everything(seed: int, threads: int) -> None:
    """Make a run repeatable: seed every generator and fix the CPU thread count."""
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(threads)
    torch.use_deterministic_algorithms(True)


def make_split(
    pixels: NDArray[np.int64], targets: NDArray[np.int64], ids: NDArray[np.int64]
) -> Split:
    """Gather the images and labels of the given dataset ids, in id order."""
    chosen = np.sort(ids)
    images = torch.from_numpy(pixels[chosen] / PIXEL_MAX).float()
    return Split(
        images=images.reshape(-1, 1, IMAGE_SIDE, IMAGE_SIDE),
        labels=torch.from_numpy(targets[chosen]),
        ids=chosen,
        pixels=pixels[chosen],
    )


def load_splits() -> tuple[Split, Split]:
    """Load the digits and split them 80/20, stratified, the same way every run."""
    digits = load_digits()
    pixels = digits.data.astype(np.int64)
    targets = digits.target.astype(np.int64)

    train_ids, val_ids = train_test_split(
        np.arange(len(targets)),
        test_size=VAL_FRACTION,
        stratify=targets,
        random_state=SPLIT_SEED,
    )
    return make_split(pixels, targets, train_ids), make_split(pixels, targets, val_ids)


def build_model(conv_layers: int, channels: int, dropout: float) -> nn.Sequential:
    """Stack conv-norm-ReLU-pool blocks, doubling channels and halving the side each time."""
    layers: list[nn.Module] = []
    in_channels, side = 1, IMAGE_SIDE
    for index in range(conv_layers):
        out_channels = channels * 2**index
        conv = nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1)
        # Batch norm lets every optimizer learn within a few epochs of 23 batches.
        norm = nn.BatchNorm2d(out_channels)
        layers += [conv, norm, nn.ReLU(), nn.MaxPool2d(2)]
        in_channels, side = out_channels, side // 2

    features = in_channels * side * side
    layers += [nn.Flatten(), nn.Dropout(dropout), nn.Linear(features, NUM_CLASSES)]
    return nn.Sequential(*layers)


def build_optimizer(
    name: str, model: nn.Module, lr: float, weight_decay: float
) -> torch.optim.Optimizer:
    """Create the optimizer chosen on the command line."""
    params = model.parameters()
    if name == "sgd":
        return torch.optim.SGD(params, lr=lr, momentum=SGD_MOMENTUM, weight_decay=weight_decay)
    if name == "rmsprop":
        return torch.optim.RMSprop(params, lr=lr, weight_decay=weight_decay)
    return torch.optim.Adam(params, lr=lr, weight_decay=weight_decay)


def train_epoch(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    data: Split,
    batch_size: int,
    generator: torch.Generator,
    on_batch: Callable[[float], None],
) -> EpochStats:
    """Run one shuffled pass over the training split, reporting each batch's loss."""
    model.train()
    order = torch.randperm(len(data.labels), generator=generator)
    total_loss, correct = 0.0, 0

    for start in range(0, len(order), batch_size):
        batch = order[start : start + batch_size]
        labels = data.labels[batch]
        optimizer.zero_grad()
        logits = model(data.images[batch])
        loss = nn.functional.cross_entropy(logits, labels)
        loss.backward()  # type: ignore[no-untyped-call]
        optimizer.step()

        total_loss += loss.item() * len(batch)
        correct += int((logits.argmax(dim=1) == labels).sum())
        on_batch(loss.item())

    return EpochStats(loss=total_loss / len(order), accuracy=correct / len(order))


def evaluate(model: nn.Module, data: Split) -> Evaluation:
    """Score the model on a split in one forward pass."""
    model.eval()
    with torch.no_grad():
        logits = model(data.images)
        loss = nn.functional.cross_entropy(logits, data.labels).item()

    truth = data.labels.numpy()
    predicted = logits.argmax(dim=1).numpy()
    averaged = {"labels": CLASS_LABELS, "average": "macro", "zero_division": 0}
    return Evaluation(
        loss=loss,
        accuracy=float((predicted == truth).mean()),
        precision=float(precision_score(truth, predicted, **averaged)),
        recall=float(recall_score(truth, predicted, **averaged)),
        predictions=predicted,
        matrix=confusion_matrix(truth, predicted, labels=CLASS_LABELS),
    )


def misclassified_examples(
    data: Split, predicted: NDArray[np.int64]
) -> dict[str, list[dict[str, Any]]]:
    """Collect up to MAX_EXAMPLES_PER_CELL wrong images per "true,pred" cell."""
    truth = data.labels.numpy()
    examples: dict[str, list[dict[str, Any]]] = {}
    for index in np.flatnonzero(truth != predicted):
        cell = examples.setdefault(f"{truth[index]},{predicted[index]}", [])
        if len(cell) < MAX_EXAMPLES_PER_CELL:
            pixels = data.pixels[index].tolist()
            cell.append({"id": int(data.ids[index]), "pixels": pixels})
    return examples


def confusion_payload(data: Split, evaluation: Evaluation, epoch: int) -> dict[str, Any]:
    """Build the ``confusion_matrix`` artifact payload of one epoch."""
    return {
        "labels": [str(label) for label in CLASS_LABELS],
        "matrix": evaluation.matrix.tolist(),
        "normalize": False,
        "examples": misclassified_examples(data, evaluation.predictions),
        "image_shape": [IMAGE_SIDE, IMAGE_SIDE],
        "epoch": epoch,
    }


def epoch_metrics(train: EpochStats, val: Evaluation) -> dict[str, float]:
    """Name the metrics logged at the end of each epoch."""
    return {
        "train_loss": train.loss,
        "train_accuracy": train.accuracy,
        "val_loss": val.loss,
        "val_accuracy": val.accuracy,
        "val_precision": val.precision,
        "val_recall": val.recall,
    }


def progress_line(
    epoch: int, epochs: int, step: int, metrics: dict[str, float], seconds: float
) -> str:
    """Format one human-readable line of progress for stdout."""
    values = " ".join(f"{name}={value:.4f}" for name, value in metrics.items())
    return f"epoch {epoch}/{epochs} step={step} {values} time={seconds:.2f}s"


def run_training(args: argparse.Namespace, tracker: Tracker) -> Evaluation:
    """Train for the requested epochs, logging metrics and confusion matrices."""
    train, val = load_splits()
    model = build_model(args.conv_layers, args.channels, args.dropout)
    optimizer = build_optimizer(args.optimizer, model, args.lr, args.weight_decay)
    generator = torch.Generator().manual_seed(args.seed)
    batches = BatchLogger(tracker)

    for epoch in range(1, args.epochs + 1):
        if epoch == args.fail_at_epoch:
            raise InjectedFailureError(f"failing on purpose at epoch {epoch}")
        started = time.perf_counter()
        batches.epoch = epoch
        stats = train_epoch(model, optimizer, train, args.batch_size, generator, batches)
        evaluation = evaluate(model, val)

        metrics = epoch_metrics(stats, evaluation)
        tracker.log(metrics, step=batches.step, epoch=epoch)
        seconds = time.perf_counter() - started
        print(progress_line(epoch, args.epochs, batches.step, metrics, seconds), flush=True)

        payload = confusion_payload(val, evaluation, epoch)
        tracker.log_artifact("confusion_matrix", payload, name=f"confusion_matrix_epoch_{epoch}")

    tracker.log_artifact("confusion_matrix", payload, name="confusion_matrix")
    return evaluation


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments, train, and always finish the SDK session; 0 on success."""
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, exit_on_sigterm)
    seed_everything(args.seed, args.threads)
    tracker = load_tracker()
    tracker.init()

    started = time.perf_counter()
    try:
        final = run_training(args, tracker)
    except (SystemExit, KeyboardInterrupt):
        tracker.finish("stopped")
        raise
    except BaseException:
        tracker.finish("failed")
        raise
    tracker.finish("completed")

    elapsed = time.perf_counter() - started
    print(f"done val_accuracy={final.accuracy:.4f} in {elapsed:.2f}s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
