"""``annotator suggest``: pre-annotating layers with the tool's proposals, or printing them."""

from __future__ import annotations

import click
import orjson

from annotator.cli.agreement import _DOCUMENTS, _document_ids
from annotator.cli.base import Context, cli, out, pass_context
from annotator.errors import DataError, LayerChanged
from annotator.model import GOLD
from annotator.pre_annotation import pre_annotation, proposals_record
from annotator.proposer import propose


@cli.command()
@click.option(
    "--as",
    "as_name",
    metavar="NAME",
    help="Whose layers to pre-annotate (default: the global --annotator); another annotator's are a lead's to do.",
)
@_DOCUMENTS
@click.option(
    "--replace",
    is_flag=True,
    help="Also pre-annotate layers that have spans: the spans that came from proposals are replaced by today's "
    "proposals; spans made by hand are never removed.",
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print the proposals as JSONL, one line per document (spans with offsets, label, attributes and rule; "
    "relations), whatever the layer holds, and store nothing.",
)
@pass_context
def suggest(context: Context, as_name: str | None, documents: tuple[str, ...], replace: bool, as_json: bool) -> None:
    """Pre-annotate NAME's layers with the tool's proposals (default: every document).

    Each layer that is not done gets the proposed spans, relations and attributes as one change (one undo step),
    and goes in progress; each span keeps the rule that proposed it. A layer that is done, or that has spans (unless
    --replace), is left alone, and so is gold; proposals NAME rejected are not added.
    """
    name = as_name or context.annotator
    if name == GOLD:
        raise DataError("suggest pre-annotates annotators' layers, never gold", hint="name an annotator with --as")
    wanted = _document_ids(documents)
    with context.store() as store:
        if store.annotator(name) is None:
            raise DataError(f"no annotator {name!r}", hint="add one with `annotator annotators add NAME`")
        store.require_owner(name, f"pre-annotate {name}'s layers")
        stored = [summary.doc_id for summary in store.documents()]
        if wanted:
            known = set(stored)
            unknown = next((doc_id for doc_id in wanted if doc_id not in known), None)
            if unknown is not None:
                raise DataError(
                    f"no document {unknown!r}", hint="nothing was stored; check the id (a text file's is its name)"
                )
        schema = store.schema
        lexicon = store.lexicon(name)  # their own done layers: nothing of another's; the registry and targets
        results, left, added, linked = 0, 0, 0, 0
        for doc_id in wanted or stored:
            text = store.document(doc_id).text
            proposals = propose(text, schema, lexicon)
            rejected = store.rejections(doc_id, name)
            if as_json:
                click.echo(orjson.dumps(proposals_record(doc_id, text, proposals, rejected)).decode())
                continue
            layer, version = store.layer_and_version(doc_id, name)
            result = pre_annotation(doc_id, name, layer, version, proposals, schema, rejected=rejected, replace=replace)
            if result.change is None:
                left += 1
                out.print(result.summary(), markup=False)
                continue
            try:
                done = store.apply(result.change)
            except LayerChanged:
                left += 1
                out.print(f"{doc_id}: changed by someone else meanwhile, left alone", markup=False)
                continue
            results, added, linked = results + 1, added + len(done.added), linked + len(done.linked)
            out.print(result.summary(), markup=False)
    if as_json:
        return
    alone = f"; {left} left alone" if left else ""
    out.print(
        f"pre-annotated {results} document(s) for {name}: {added} span(s), {linked} relation(s){alone}", markup=False
    )
