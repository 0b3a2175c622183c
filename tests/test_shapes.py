"""The SHACL shapes: a correct instance graph conforms, and each typical mistake is caught."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from rdflib import Dataset

from kg.errors import InputError, OntologyError
from kg.rdf.shapes import validate

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "shapes-valid.trig"
VALID = FIXTURE.read_text(encoding="utf-8")


def test_the_hand_written_graph_conforms() -> None:
    report = validate(VALID, format="trig")
    assert report.conforms, report.text
    assert report.results == 0


def test_the_same_graph_as_nquads_conforms() -> None:
    nquads = Dataset().parse(data=VALID, format="trig").serialize(format="nquads")
    assert validate(nquads).conforms


# Each row breaks the valid graph in one place: (old text, new text, expected shape, expected
# constraint). The shape is the named node shape; the constraint is a named SPARQL constraint
# or the SHACL component's short name.
BROKEN = [
    pytest.param("nkg:speaker a1:entity\\/ent1 ;", "",
                 "StatementShape", "MinCount", id="statement-without-speaker"),
    pytest.param("nkg:speaker id:person\\/igor-terekhov ;\n        nkg:cue \"selon\"",
                 "nkg:speaker id:person\\/igor-terekhov , id:country\\/ukraine ;\n        nkg:cue \"selon\"",
                 "StatementShape", "MaxCount", id="statement-with-two-speakers"),
    pytest.param("nkg:speaker a1:entity\\/ent1", "nkg:speaker id:weapon\\/drone",
                 "StatementShape", "Class", id="weapon-as-speaker"),
    pytest.param('nkg:cue "selon"', 'nkg:cue "selon"@fr',
                 "StatementShape", "Datatype", id="language-tagged-cue"),
    pytest.param('nkg:cue "selon" ;', "",
                 "StatementShape", "MinCount", id="statement-without-cue"),
    pytest.param('nkg:injured "23"^^xsd:integer', 'nkg:injured "-3"^^xsd:integer',
                 "EventShape", "MinInclusive", id="negative-injured"),
    pytest.param('nkg:weaponCount "8"^^xsd:integer', 'nkg:weaponCount "8"',
                 "EventShape", "Datatype", id="count-as-string"),
    pytest.param('nkg:injured "23"^^xsd:integer', 'nkg:injured "24"^^xsd:integer',
                 "EventShape", "RetainedFigureIsReported", id="retained-figure-not-reported"),
    pytest.param('nkg:date "2024-11-25"^^xsd:date ;\n        nkg:day "2024-11-25"^^xsd:date ;',
                 'nkg:date "2024-11-25"^^xsd:date ;',
                 "EventShape", "DayOrDayUnknown", id="event-without-day-or-day-unknown"),
    pytest.param('nkg:date "2024-11-25"^^xsd:date ;',
                 'nkg:date "2024-11-25"^^xsd:date ; nkg:dayUnknown true ;',
                 "EventShape", "DayOrDayUnknown", id="event-with-day-and-day-unknown"),
    pytest.param('nkg:eventCount "3"^^xsd:integer', 'nkg:eventCount "4"^^xsd:integer',
                 "ArticleShape", "CountsAreTheArticles", id="event-count-not-the-articles"),
    pytest.param('nkg:statementCount "3"^^xsd:integer', 'nkg:statementCount "2"^^xsd:integer',
                 "ArticleShape", "CountsAreTheArticles", id="statement-count-not-the-articles"),
    pytest.param('nkg:tallyStatements "2"^^xsd:integer', 'nkg:tallyStatements "3"^^xsd:integer',
                 "StatementTallyShape", "TallyCountsItsStatements", id="tally-not-its-statements"),
    pytest.param('nkg:tallySpeakerType nkg:AnonymousSource', 'nkg:tallySpeakerType nkg:Person',
                 "StatementTallyShape", "TallyCountsItsStatements", id="tally-of-another-speaker-type"),
    pytest.param('nkg:tallyStatements "1"^^xsd:integer', 'nkg:tallyStatements "0"^^xsd:integer',
                 "StatementTallyShape", "MinInclusive", id="tally-of-no-statement"),
    pytest.param('nkg:tallyCue "déclarer" .', '.',
                 "StatementTallyShape", "MinCount", id="tally-without-cue"),
    pytest.param('nkg:otherSideClaims "2"^^xsd:integer', 'nkg:otherSideClaims "-2"^^xsd:integer',
                 "EventShape", "MinInclusive", id="negative-claim-count"),
    pytest.param("nkg:claimBalance nkg:OtherSideOnly", "nkg:claimBalance nkg:BothSides",
                 "EventShape", "ClaimBalanceIsTheCounts", id="claim-balance-not-the-counts"),
    pytest.param("nkg:claimBalance nkg:OtherSideOnly", "nkg:claimBalance nkg:Hedged",
                 "EventShape", "In", id="epistemic-status-as-claim-balance"),
    pytest.param('nkg:thirdPartyClaims "0"^^xsd:integer ; nkg:claimBalance nkg:ActorSideOnly ;', "",
                 "EventShape", "ReportedEventHasItsClaims", id="reported-event-without-claims"),
    pytest.param("nkg:place id:place\\/kharkiv ;", "nkg:place id:person\\/igor-terekhov ;",
                 "EventShape", "Class", id="person-as-place"),
    pytest.param("nkg:actor id:country\\/ukraine ;", "nkg:actor id:region\\/kaluga-oblast ;",
                 "EventShape", "Class", id="region-as-actor"),
    pytest.param("nkg:target a1:target\\/E1 ;", "nkg:target id:weapon\\/drone ;",
                 "EventShape", "Or", id="weapon-as-target"),
    pytest.param("a1:event\\/E3 a nkg:Interception", "a1:event\\/E3 a nkg:Event",
                 "EventShape", "Or", id="event-neither-attack-nor-interception"),
    pytest.param("nkg:mention <https://w3id.org/newskg/id/article/sample-1#char=280,326> .", ".",
                 "EventShape", "MinCount", id="event-without-evidence"),
    pytest.param('nkg:beginDate "2024-11-24"^^xsd:date', 'nkg:beginDate "2024-11-26"^^xsd:date',
                 "EventShape", "LessThanOrEquals", id="begin-date-after-end-date"),
    pytest.param('nkg:date "2024-11-25"^^xsd:date', 'nkg:date "2024-11-25T00:00:00"^^xsd:dateTime',
                 "EventShape", "Datatype", id="date-time-as-date"),
    pytest.param('nif:beginIndex "33"^^', 'nif:beginIndex "60"^^',
                 "MentionShape", "LessThanOrEquals", id="mention-begin-after-end"),
    pytest.param('nif:endIndex "177"^^xsd:integer', 'nif:endIndex "177"^^xsd:string',
                 "MentionShape", "Datatype", id="mention-offset-not-non-negative-integer"),
    pytest.param('nif:anchorOf "plus de dix"', 'nif:anchorOf "moins de 10"',
                 "ArticleShape", "MentionMatchesText", id="anchor-is-not-the-text"),
    pytest.param("#char=245,247> a nkg:Mention", "#char=245,248> a nkg:Mention",
                 "ArticleShape", "MentionIriMatchesOffsets", id="mention-iri-disagrees-with-offsets"),
    pytest.param('nif:isString "Des drones', 'rdfs:comment "Des drones',
                 "ArticleShape", "MinCount", id="article-without-text"),
    pytest.param("nkg:quantity nkg:Downed", "nkg:quantity nkg:Exact",
                 "FigureShape", "In", id="figure-quantity-not-a-quantity"),
    pytest.param('nkg:value "10"^^xsd:integer', 'nkg:value "-10"^^xsd:integer',
                 "FigureShape", "MinInclusive", id="negative-figure"),
    pytest.param("nkg:reportedBy a1:statement\\/S2", "nkg:reportedBy a1:event\\/E1",
                 "FigureShape", "Class", id="figure-reported-by-an-event"),
    pytest.param('rdfs:label "un dépôt de pétrole"@fr ;', "",
                 "TargetShape", "MinCount", id="target-without-label"),
    pytest.param("<https://sws.geonames.org/553899/>", "<http://dbpedia.org/resource/Kaluga_Oblast>",
                 "ExternalIdentityShape", "Pattern", id="same-as-dbpedia"),
    pytest.param("<http://www.wikidata.org/entity/Q212>", "<https://www.wikidata.org/wiki/Q212>",
                 "ExternalIdentityShape", "Pattern", id="same-as-wikidata-page"),
    pytest.param("<https://sws.geonames.org/706483/>", "<https://sws.geonames.org/706483>",
                 "ExternalIdentityShape", "Pattern", id="same-as-geonames-without-slash"),
    pytest.param('id:weapon\\/missile a nkg:Weapon ; rdfs:label "missile"@fr .',
                 "id:weapon\\/missile a nkg:Weapon .",
                 "LabelledEntityShape", "MinCount", id="weapon-without-label"),
    pytest.param('rdfs:label "Igor Terekhov"@fr', 'rdfs:label "Igor Terekhov"',
                 "LabelledEntityShape", "Datatype", id="label-without-language"),
    pytest.param("nkg:locatedIn id:region\\/kharkiv-oblast , id:country\\/ukraine ;",
                 "nkg:locatedIn id:region\\/kharkiv-oblast ;",
                 "ContainmentShape", "ClosureStored", id="located-in-closure-missing"),
    pytest.param("nkg:locatedIn id:country\\/russia .", "nkg:locatedIn id:country\\/russia , id:place\\/kharkiv .",
                 "LargerPlaceShape", "Not", id="region-in-a-city"),
    pytest.param("nkg:locatedIn id:country\\/russia .", "nkg:locatedIn id:country\\/russia , id:region\\/unknown .",
                 "ContainmentShape", "Class", id="located-in-an-undescribed-place"),
    pytest.param("nkg:eventType nkg:DroneStrike ;\n", "",
                 "EventShape", "MinCount", id="event-without-event-type"),
    pytest.param("nkg:eventType nkg:MissileStrike ;", "nkg:eventType nkg:MissileStrike , nkg:Attack ;",
                 "EventShape", "MaxCount", id="event-with-two-event-types"),
    pytest.param("nkg:eventType nkg:DroneStrike ;", "nkg:eventType nkg:Attack ;",
                 "EventShape", "EventTypeIsMostSpecific", id="event-type-a-superclass"),
    pytest.param("nkg:eventType nkg:Interception ;", "nkg:eventType nkg:DroneStrike ;",
                 "EventShape", "EventTypeIsMostSpecific", id="event-type-not-among-its-types"),
    pytest.param("a1:event\\/E1 a nkg:DroneStrike , nkg:Attack , nkg:Event ;",
                 "a1:event\\/E1 a nkg:DroneStrike , nkg:Event ;",
                 "TypeClosureShape", "TypeClosureStored", id="drone-strike-not-typed-attack"),
    pytest.param("id:place\\/kharkiv a nkg:City , nkg:Place ;", "id:place\\/kharkiv a nkg:City ;",
                 "TypeClosureShape", "TypeClosureStored", id="city-not-typed-place"),
    pytest.param("id:country\\/russia a nkg:Country , nkg:Actor , nkg:Place ;",
                 "id:country\\/russia a nkg:Country , nkg:Place ;",
                 "TypeClosureShape", "TypeClosureStored", id="country-not-typed-actor"),
    pytest.param('"POINT(32.0 49.0)"^^geo:wktLiteral', '"POINT(32.0, 49.0)"^^geo:wktLiteral',
                 "GeometryShape", "Pattern", id="malformed-wkt"),
    pytest.param('"POINT(32.0 49.0)"^^geo:wktLiteral', '"POINT(32.0 49.0)"',
                 "GeometryShape", "Datatype", id="wkt-as-string"),
]


@pytest.mark.parametrize("old, new, shape, constraint", BROKEN)
def test_a_mistake_is_reported_by_the_expected_shape(
    old: str, new: str, shape: str, constraint: str
) -> None:
    assert VALID.count(old) == 1, f"the fixture no longer contains {old!r} exactly once"
    report = validate(VALID.replace(old, new), format="trig")
    assert not report.conforms
    found = {(v.shape, v.constraint) for v in report.violations}
    assert (shape, constraint) in found, report.text


def test_anonymous_source_must_be_article_scoped() -> None:
    data = VALID.replace("a1:entity\\/ent1", "id:source\\/ent1")
    found = {(v.shape, v.constraint) for v in validate(data, format="trig").violations}
    assert ("AnonymousSourceShape", "Pattern") in found


def test_unknown_format_is_an_input_error() -> None:
    with pytest.raises(InputError, match="unknown RDF format"):
        validate(VALID, format="rdfa")


def test_unparsable_data_is_an_input_error() -> None:
    with pytest.raises(InputError, match="cannot parse"):
        validate("<a> <b> .", format="nquads")


def test_without_the_validate_extra_validation_asks_for_it(monkeypatch: pytest.MonkeyPatch) -> None:
    # a None in sys.modules makes `import pyshacl` fail as it does when it is not installed
    monkeypatch.setitem(sys.modules, "pyshacl", None)
    with pytest.raises(OntologyError, match=r"install newskg\[validate\]"):
        validate(VALID, format="trig")
