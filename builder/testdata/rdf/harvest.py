"""Reads a DCAT-AP_IT catalogue as dati.gov.it's harvester does, and prints
what it would import, as JSON.

    /usr/bin/python3 harvest.py CATALOGO.ttl CATALOGO.jsonld

Like ckanext-dcat, it parses each file with rdflib and no base address: a
relative IRI would resolve against the file's own folder (file:///...),
and is reported. The values are read as ckanext-dcatapit's profile reads
them (parse_dataset: dct:identifier, schema:startDate/endDate or
time:hasBeginning/hasEnd for the temporal coverage, the agents'
dct:identifier, dct:conformsTo), and the DCAT 2 and DCAT-AP_IT forms of
the period beside them.
"""
import json
import sys

from rdflib import Graph, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS as DCT, FOAF, RDF

DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCATAPIT = Namespace("http://dati.gov.it/onto/dcatapit#")
SCHEMA = Namespace("http://schema.org/")
TIME = Namespace("http://www.w3.org/2006/time#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")


def text(g, s, p):
    v = g.value(s, p)
    return None if v is None else str(v)


def temporal(g, ds):
    """ckanext-dcatapit's _get_temporal_coverage, plus the other forms."""
    out = []
    for t in g.objects(ds, DCT.temporal):
        start, end = text(g, t, SCHEMA.startDate), text(g, t, SCHEMA.endDate)
        if not (start or end):
            b, e = g.value(t, TIME.hasBeginning), g.value(t, TIME.hasEnd)
            start = b and text(g, b, TIME.inXSDDateTime)
            end = e and text(g, e, TIME.inXSDDateTime)
        out.append({
            "temporal_start": start, "temporal_end": end,
            "dcat": [text(g, t, DCAT.startDate), text(g, t, DCAT.endDate)],
            "dcatapit": [text(g, t, DCATAPIT.startDate), text(g, t, DCATAPIT.endDate)],
        })
    return out


def agent(g, s, p):
    a = g.value(s, p)
    return a and {"identifier": text(g, a, DCT.identifier), "name": text(g, a, FOAF.name)}


def contact(g, ds):
    c = g.value(ds, DCAT.contactPoint)
    return c and {"name": text(g, c, VCARD.fn), "email": text(g, c, VCARD.hasEmail),
                  "types": sorted(str(t) for t in g.objects(c, RDF.type))}


def distribution(g, d):
    size = g.value(d, DCAT.byteSize)
    return {
        "access_url": text(g, d, DCAT.accessURL), "download_url": text(g, d, DCAT.downloadURL),
        "format": text(g, d, DCT.format), "media_type": text(g, d, DCAT.mediaType),
        "license": text(g, d, DCT.license), "size": None if size is None else int(size),
        "size_type": None if size is None else str(size.datatype),
        "conforms_to": [{"uri": str(s), "identifier": text(g, s, DCT.identifier)}
                        for s in g.objects(d, DCT.conformsTo)],
    }


def dataset(g, ds):
    return {
        "uri": str(ds), "identifier": text(g, ds, DCT.identifier), "title": text(g, ds, DCT.title),
        "modified": text(g, ds, DCT.modified), "frequency": text(g, ds, DCT.accrualPeriodicity),
        "theme": text(g, ds, DCAT.theme), "temporal_coverage": temporal(g, ds),
        "publisher": agent(g, ds, DCT.publisher), "holder": agent(g, ds, DCT.rightsHolder),
        "contact": contact(g, ds),
        "distributions": sorted((distribution(g, d) for d in g.objects(ds, DCAT.distribution)),
                                key=lambda d: d["access_url"] or ""),
    }


def main(ttl, jsonld):
    graphs = []
    for path, fmt in ((ttl, "turtle"), (jsonld, "json-ld")):
        g = Graph()
        g.parse(path, format=fmt)  # no publicID: no base address but the file's
        graphs.append(g)
    g = graphs[0]
    not_absolute = sorted({str(t) for gr in graphs for triple in gr for t in triple
                           if isinstance(t, URIRef) and not str(t).startswith(("http://", "https://", "mailto:"))})
    json.dump({
        "triples": [len(gr) for gr in graphs],
        "same_graph": isomorphic(graphs[0], graphs[1]),
        "not_absolute": not_absolute,
        "catalogs": len(set(g.subjects(RDF.type, DCATAPIT.Catalog))),
        "datasets": sorted((dataset(g, ds) for ds in g.subjects(RDF.type, DCATAPIT.Dataset)), key=lambda d: d["uri"]),
    }, sys.stdout, indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
