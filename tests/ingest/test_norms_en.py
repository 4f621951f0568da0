"""English drafting grammar on real GDPR provisions (spacy.blank("en"))."""
from __future__ import annotations

import pytest

from govkg.ingest.extract import extract_text


def norms(text: str):
    return extract_text(text, "t", "en").norms


def test_coordinated_bearers_with_asides_and_elided_head():
    found = norms("Article 30\n\nRecords\n\n4.   The controller or the processor and, where applicable, the controller's "
                  "or the processor's representative, shall make the record available to the supervisory authority on request.")
    assert {n.actor for n in found} == {"The controller", "the processor", "the controller's representative",
                                        "the processor's representative"}
    assert all(n.role == "joint" and n.article == 30 for n in found)
    assert found[0].recipient == "the supervisory authority"


def test_shall_not_is_prohibition_and_any_person_is_vague():
    found = norms("Article 29\n\nProcessing\n\nThe processor and any person acting under the authority of the controller "
                  "or of the processor, who has access to personal data, shall not process those data except on instructions.")
    assert {(n.actor, n.modality, n.vague_actor) for n in found} == {
        ("The processor", "prohibition", False),
        ("any person acting under the authority of the controller or of the processor", "prohibition", True)}


def test_passive_without_agent_has_no_bearer_and_with_agent_takes_it():
    found = norms("Article 27\n\nRepresentatives\n\n3.   Those measures shall be reviewed and updated where necessary.\n\n"
                  "4.   The representative shall be mandated by the controller or processor to be addressed.")
    assert {(n.actor, n.provision) for n in found} == {("", "Article 27/3"), ("the controller", "Article 27/4"),
                                                      ("processor", "Article 27/4")}


def test_points_under_lead_in_take_the_bearer_named_before_the_colon():
    found = norms("Article 28\n\nProcessor\n\n3.   That contract shall stipulate, in particular, that the processor:\n\n"
                  "(a)\n\nprocesses the personal data only on documented instructions;\n\n(b)\n\ntakes all measures required "
                  "pursuant to Article 32;")
    items = [n for n in found if n.provision.startswith("Article 28/3/(")]
    assert [(n.actor, n.modality) for n in items] == [("the processor", "obligation")] * 2
    assert "Article 32" in items[1].references


def test_exemptions_and_applicability_are_not_norms():
    found = norms("Article 34\n\nCommunication\n\n3.   The communication to the data subject referred to in paragraph 1 "
                  "shall not be required if any of the following conditions are met:\n\n(a)\n\nthe controller has "
                  "implemented appropriate measures;")
    assert found == []


def test_pronoun_takes_the_actor_just_named():
    found = norms("Article 26\n\nJoint controllers\n\n1.   Where two or more controllers jointly determine the purposes, "
                  "they shall be joint controllers. They shall in a transparent manner determine their responsibilities.")
    assert [(n.actor, n.modality) for n in found] == [("joint controllers", "obligation")]


def test_coordinated_predicates_keep_the_bearer():
    found = norms("Article 34\n\nX\n\n4.   If the controller has not already communicated the breach, the supervisory "
                  "authority, having considered the likelihood, may require it to do so or may decide that the conditions are met.")
    assert {(n.actor, n.modality) for n in found} == {("the supervisory authority", "permission")}
    assert found[0].condition.startswith("If the controller")


def test_a_frame_between_modal_and_verb_is_a_condition():
    found = norms("Article 33\n\nNotification\n\n1.   In the case of a personal data breach, the controller shall, without "
                  "undue delay and, where feasible, not later than 72 hours after having become aware of it, notify the "
                  "personal data breach to the supervisory authority.\n\n2.   The processor shall, without undue delay, "
                  "notify the controller.")
    assert [(n.actor, n.action.split()[0]) for n in found] == [("the controller", "notify"), ("The processor", "notify")]
    assert "without undue delay" in found[1].condition


# ---- modern UK drafting (GUIDELINES.md) ----------------------------------------------------------
def uk(text: str):
    return {(n.actor, n.modality) for n in norms("Article 3\n\n" + text)}


def test_must_must_not_may_not_and_need_not():
    assert uk("The regulator must keep a register.") == {("The regulator", "obligation")}
    assert uk("The regulator must not charge a fee.") == {("The regulator", "prohibition")}
    assert uk("The tribunal may not hear the appeal.") == {("The tribunal", "prohibition")}
    assert uk("The inspector need not give notice.") == {("The inspector", "permission")}


def test_may_only_if_restricts_the_power():
    assert uk("But the Secretary of State may make regulations under subsection (4) only if satisfied that "
              "no reduction results.") == {("the Secretary of State", "prohibition")}
    assert uk("The Minister may only exercise the power with the consent of the Treasury.") == {("The Minister", "prohibition")}


def test_is_to_and_it_is_the_duty_of():
    assert uk("The Commissioner is to prepare an annual report.") == {("The Commissioner", "obligation")}
    assert uk("The reference to a child is to be read in accordance with Part 1.") == set()
    assert uk("It is the duty of the chief officer of police to record the complaint.") == {
        ("the chief officer of police", "obligation")}


def test_may_by_regulations_is_a_permission_of_the_regulation_maker():
    assert uk("The Secretary of State may by regulations amend this section.") == {("The Secretary of State", "permission")}


def test_offence_and_as_may_be_prescribed_are_not_norms():
    assert uk("A person who fails to comply commits an offence.") == set()
    assert uk("The body must provide such information as may be prescribed.") == {("The body", "obligation")}


def test_leading_phrase_without_comma_and_listed_bearers():
    assert uk("In preparing the draft the Secretary of State must consult the Welsh Ministers.") == {
        ("the Secretary of State", "obligation")}
    assert uk("Once the strategy has been prepared the relevant authorities must publish it.") == {
        ("the relevant authorities", "obligation")}
    assert uk("The Secretary of State, the Lord Chancellor and the Attorney General may by a joint direction "
              "require an inspection.") == {("The Secretary of State", "permission"), ("the Lord Chancellor", "permission"),
                                            ("the Attorney General", "permission")}


def test_modal_in_a_relative_clause_belongs_to_the_first_norm():
    assert uk("The Secretary of State may make provision about matters that the code must include.") == {
        ("The Secretary of State", "permission")}


def test_lead_in_naming_only_the_subject_gives_it_to_items_with_their_own_modal():
    found = norms("Article 3\n\n1. Where a statement is received, the relevant probation body—\n\n(a)\n\n"
                  "must take all reasonable steps, and\n\n(b)\n\nmay forward it to the tribunal.")
    assert {(n.actor, n.modality) for n in found} == {("the relevant probation body", "obligation"),
                                                       ("the relevant probation body", "permission")}


def test_parenthetical_but_must_not_keeps_the_bearer():
    assert uk("The tribunal may have regard to the statement (but must not have regard to it for any other purpose).") == {
        ("The tribunal", "permission"), ("The tribunal", "prohibition")}


def test_person_or_body_with_a_shared_qualifier_is_one_bearer():
    assert uk("A person or body within subsection (6) that establishes a review must send a copy of the report.") == {
        ("A person or body within subsection (6) that establishes a review", "obligation")}


# ---- bearers with restrictive qualifiers, status, pronouns (GUIDELINES.md) ------------------------
def test_relative_clause_with_coordinated_predicate_is_one_bearer():
    assert uk("Deployers of such systems that are public bodies, or agencies of the Union, shall register the use.") == {
        ("Deployers of such systems that are public bodies, or agencies of the Union", "obligation")}
    assert uk("Any person who has functions relating to victims, or any aspect of the justice system, must have "
              "regard to guidance.") == {
        ("Any person who has functions relating to victims, or any aspect of the justice system", "obligation")}


def test_considered_a_provider_and_subject_to_its_obligations():
    assert uk("Any distributor or importer shall be considered to be a provider and shall be subject to the "
              "obligations of the provider under Article 16.") == {("Any distributor", "obligation"),
                                                                     ("importer", "obligation")}
    assert uk("The importer shall be considered a provider.") == set()


def test_pronoun_takes_the_antecedent_never_the_recipient():
    found = norms("Article 3\n\nThe provider shall notify the authority. It shall inform the importer without delay.")
    assert [(n.actor, n.action) for n in found] == [("The provider", "notify the authority"),
                                                   ("The provider", "inform the importer without delay")]
    assert norms("Article 3\n\nIt shall inform the importer without delay.") == []   # a bearer unknown is not absent


def test_passive_agents_each_bear_the_permission():
    assert uk("The complaint may be made by the person's personal representative, or by a member of the "
              "person's family.") == {("the person's personal representative", "permission"),
                                      ("a member of the person's family", "permission")}
    assert uk("A complaint may also be made by a person who is authorised to act on behalf of the person aggrieved.") == {
        ("a person who is authorised to act on behalf of the person aggrieved", "permission")}


def test_such_authorities_is_the_last_named_authority():
    assert uk("The Secretary of State must issue guidance to assist relevant authorities for police areas in England "
              "(and such authorities must have regard to the guidance).") == {
        ("The Secretary of State", "obligation"), ("relevant authorities for police areas", "obligation")}


def test_new_clause_after_and_without_comma_and_trailing_aside():
    assert uk("But the code is admissible in evidence in civil proceedings and a court may take into account a failure.") == {
        ("a court", "permission")}
    assert uk("A body that establishes a review (whether or not held pursuant to a direction under subsection (2)) "
              "must send a copy.") == {("A body that establishes a review", "obligation")}


def test_modal_after_preposition_which_is_relative_but_not_once_the_clause_has_its_verb():
    found = norms("Article 3\n\n1. The Board shall issue guidelines for the circumstances in which a processor is "
                  "required to notify the breach.")
    assert {(n.actor, n.modality) for n in found} == {("The Board", "obligation")}
    assert uk("The authority to which the complaint has been lodged shall inform the complainant.") == {
        ("The authority to which the complaint has been lodged", "obligation")}


def test_member_or_members_of_a_body_is_one_bearer_but_a_thing_or_an_actor_is_no_bearer():
    assert uk("Member or members of each supervisory authority shall refrain from any incompatible action.") == {
        ("Member or members of each supervisory authority", "prohibition")}
    assert uk("A transfer of personal data to a third country or an international organisation may take place "
              "where the Commission has so decided.") == {("", "permission")}


def test_pronoun_after_a_thing_subject_is_that_thing():
    found = norms("Article 13\n\n3. The Commission shall publish the decision. A decision to revoke shall be notified "
                  "to the Council. It shall state its reasons.")
    assert [(n.actor, n.action[:20]) for n in found] == [("The Commission", "publish the decision"),
                                                        ("", "be notified to the C"), ("", "state its reasons")]


def test_condition_without_comma_before_a_pronoun_subject_names_the_bearers():
    found = norms("Article 11\n\n2. If the Secretary of State and the Attorney General agree that the code compliance "
                  "of a person is unsatisfactory they may give the person a notice.")
    assert {(n.actor, n.modality) for n in found} == {("the Secretary of State", "permission"),
                                                       ("the Attorney General", "permission")}
    assert found[0].condition.startswith("If the Secretary of State")


def test_participle_qualifier_adjectives_before_one_head_and_other_than():
    assert uk("Any controller involved in processing shall be liable for the damage.") == {
        ("Any controller involved in processing", "obligation")}
    assert uk("Each natural or legal person shall have the right to an effective judicial remedy.") == {
        ("Each natural person", "permission"), ("Each legal person", "permission")}
    assert uk("Any court other than the court first seized may suspend its proceedings.") == {
        ("Any court other than the court first seized", "permission")}


def test_bare_noun_after_an_of_phrase_and_passive_agents_to_the_next_or_by():
    assert uk("Associations and other bodies representing categories of controllers or processors may prepare codes.") == {
        ("Associations", "permission"), ("other bodies representing categories of controllers or processors", "permission")}
    assert uk("The certificate shall be issued by the certification bodies referred to in Article 43 or by the "
              "competent supervisory authority.") == {("the certification bodies referred to in Article 43", "obligation"),
                                                      ("the competent supervisory authority", "obligation")}
    assert uk("A complaint may not be entertained unless made by the person aggrieved.") == {("", "prohibition")}


def test_eu_bearer_with_relative_clause_over_a_list_and_it_after_a_condition():
    assert uk("Deployers of high-risk AI systems that are public authorities, or Union institutions, bodies, offices "
              "or agencies, shall comply with the registration obligations.") == {
        ("Deployers of high-risk AI systems that are public authorities, or Union institutions, bodies, offices or agencies",
         "obligation")}
    assert uk("Where a distributor considers that a system is not in conformity, it shall not make the system "
              "available.") == {("a distributor", "prohibition")}
    assert uk("Any distributor, importer, deployer or other third-party shall be considered to be a provider.") == set()


def test_not_required_to_is_a_permission_like_need_not():
    assert uk("Providers shall not be required to comply with paragraph 1.") == {("Providers", "permission")}
    assert uk("The controller shall not be obliged to maintain additional information.") == {("The controller", "permission")}


def test_is_to_be_binds_the_agent_or_a_thing_but_not_a_status():
    assert uk("The code is to be brought into force by regulations made by statutory instrument.") == {("", "obligation")}
    assert uk("The report is to be laid by the Secretary of State before Parliament.") == {
        ("the Secretary of State", "obligation")}
    assert uk("The Commissioner is to be appointed for a term of five years.") == set()
    assert uk("This Act is to be cited as the Example Act.") == set()


def test_is_to_inside_a_relative_or_that_clause_is_not_a_duty():
    assert uk("The request must relate to an enquiry which is being pursued, or is to be pursued, by the authorised "
              "person.") == {("", "obligation")}
    assert uk("The controller has decided that no further action is to be taken.") == set()


def test_shall_be_competent_confers_a_duty_and_shall_not_be_competent_denies_it():
    found = extract_text("Article 5\n\n1. Each supervisory authority shall be competent for the tasks assigned to it.\n\n"
                         "2. Supervisory authorities shall not be competent to supervise courts.",
                         "t", "en").norms
    assert {(n.actor, n.modality) for n in found} == {("Each supervisory authority", "obligation"),
                                                      ("Supervisory authorities", "prohibition")}


def test_shall_only_if_restricts_and_is_a_prohibition():
    found = extract_text("Article 6\n\n1. The processor shall be exempt from that liability, in whole or in part, only if "
                         "it proves that it is not responsible.\n\n2. The processor shall keep a record.", "t", "en").norms
    assert [(n.actor, n.modality) for n in found] == [("The processor", "prohibition"), ("The processor", "obligation")]


def test_shall_remain_in_force_is_a_transitional_statement_not_a_norm():
    found = extract_text("Article 7\n\n1. Authorisations granted under the old rules shall remain in force until amended.\n\n"
                         "2. The controller shall keep a record.", "t", "en").norms
    assert [(n.actor, n.modality) for n in found] == [("The controller", "obligation")]


def test_restricted_use_or_exercise_is_a_prohibition():
    found = norms("Article 12\n\n1. Data received shall be used only for the purposes of the inspection.\n\n"
                  "2. Those powers may be exercised only under the supervision of the competent authority.")
    assert [(n.actor, n.modality) for n in found] == [("", "prohibition"), ("", "prohibition")]


def test_refrain_from_with_a_frame_between_is_a_prohibition_of_what_follows_from():
    found = norms("Article 13\n\n1. The Member States shall refrain, in the case referred to in paragraph 2, "
                  "from charging fees to one another.")
    assert [(n.actor, n.modality, n.action) for n in found] == [
        ("The Member States", "prohibition", "charging fees to one another")]


def test_a_presumption_is_not_a_norm():
    assert norms("Article 14\n\n1. The urgency shall be presumed to be met.") == []


def test_a_body_the_thesaurus_names_is_not_vague_though_it_is_competent():
    found = norms("Article 15\n\n1. The competent supervisory authority shall approve the rules.\n\n"
                  "2. The competent authorities shall inform the Board.")
    assert {(n.actor, n.vague_actor) for n in found} == {("The competent supervisory authority", False),
                                                         ("The competent authorities", True)}


def test_proceedings_against_an_actor_are_a_thing_with_no_bearer():
    found = norms("Article 16\n\n1. Proceedings against a public authority shall be brought before the courts of the "
                  "Member State where the authority is established.\n\n2. A complaint against a provider may be "
                  "lodged by any person.")
    assert [(n.actor, n.modality) for n in found] == [("", "obligation"), ("any person", "permission")]


def test_adjectives_before_one_head_give_one_bearer_each():
    assert uk("Each public or private body shall keep a register.") == {
        ("Each public body", "obligation"), ("Each private body", "obligation")}


def test_the_singular_and_the_plural_of_a_bearer_in_one_provision_are_one_bearer():
    found = norms("Article 17\n\n1. Member States shall lay down the rules on penalties.\n\n"
                  "2. Each Member State shall notify those rules to the Commission.")
    assert {n.actor for n in found} == {"Member States"}


def test_a_liability_limited_to_some_cases_stays_a_liability():
    found = norms("Article 18\n\n2. A service provider shall be liable for the damage only where it has acted negligently.\n\n"
                  "3. Such data may be used only for the purposes of the inspection.")
    assert [(n.actor, n.modality) for n in found] == [("A service provider", "obligation"), ("", "prohibition")]


# ---- UK Acts in the dotted layout (legislation.gov.uk as text) -------------------------------------
def uk_section(*lines: str) -> set[tuple[str, str]]:
    """Norms of section 5 of an Act laid out as the converter gives it: a number alone on a line."""
    text = "## An Act\n\n### Part 1\n\n#### A section\n\n5\n\n" + "\n\n".join(lines) + "\n"
    return {(n.actor, n.modality) for n in extract_text(text, "t", "en").norms if n.article == 5}


def test_such_day_as_x_may_by_regulations_appoint_is_a_power_of_x():
    # Advanced Research and Invention Agency Act 2022, s.13(1); Data Protection Act 2018, s.212(1)
    assert uk("Subject to subsection (2), the provisions of this Act come into force on such day or days as the "
              "Secretary of State may by regulations made by statutory instrument appoint.") == {
        ("the Secretary of State", "permission")}
    assert uk("This Act comes into force on such day as the Secretary of State may by regulations appoint.") == {
        ("the Secretary of State", "permission")}


def test_such_form_as_x_may_request_measures_the_duty_and_gives_x_no_norm():
    # Advanced Research and Invention Agency Act 2022, s.6(2)
    assert uk("Information provided under subsection (1) must be provided in such form as the Secretary of State "
              "may request.") == {("", "obligation")}


def test_are_to_be_those_who_is_an_identity_not_a_duty():
    assert uk("Those to be consulted are to be those who the Minister considers appropriate.") == set()
    # a passive duty with a thing subject still is one (ARIA Act 2022, s.10(3))
    assert uk("Regulations under this Act are to be made by statutory instrument.") == {("", "obligation")}


def test_passive_items_under_a_bearer_lead_in_take_their_agent_or_none():
    assert uk_section("5.1", "A non-executive member—", "5.1.a",
                      "may be removed from office by the Secretary of State, and", "5.1.b",
                      "may, at the end of a term, be reappointed once.") == {
        ("the Secretary of State", "permission"), ("", "permission")}
    # an active item keeps the bearer of the lead-in (ARIA Act 2022, Sch. 1 para 5(1))
    assert uk_section("5.1", "An executive member—", "5.1.a",
                      "ceases to be a member of ARIA upon ceasing to be a member of ARIA’s staff, and", "5.1.b",
                      "may resign from office by notifying the chair.") == {("An executive member", "permission")}


def test_a_cross_reference_after_or_stays_in_the_bearer():
    assert uk("A person appointed under sub-paragraph (1) or (2) may resign from office by notifying the Secretary "
              "of State.") == {("A person appointed under sub-paragraph (1) or (2)", "permission")}


def test_items_after_which_continue_the_relative_clause_of_a_thing():
    assert uk_section("5.1", "The chair is to hold office on terms which—", "5.1.a",
                      "must include provision about conflicts of interest, and", "5.1.b",
                      "may include provision about remuneration.") == {("", "obligation"), ("", "permission")}
    # "under which—" opens what the provision says, not a duty of its own (ARIA Act 2022, s.2(4))
    assert uk_section("5.4", "The conditions may, in particular, include provision under which—", "5.4.a",
                      "financial support is to be repaid or otherwise made good (with or without payment of "
                      "interest);", "5.4.b", "property is to be restored;") == {("", "permission")}


def test_holding_office_on_the_terms_of_appointment_is_a_status():
    assert uk("A member of the Commission is to hold and vacate office in accordance with the terms of the member's "
              "appointment.") == set()
    assert uk("The Commission must hold a meeting at least once a year.") == {("The Commission", "obligation")}


UK_SENTENCES = [
    # a body named by its initials bears its duties (ARIA Act 2022, s.5(3); HE (Freedom of Speech) Act 2023, s.69E(5))
    ("ARIA must comply with a direction given under this section.", {("ARIA", "obligation")}),
    ("If a students’ union fails to comply with its duty under subsection (4), the OfS may enforce the duty in civil "
     "proceedings for an injunction.", {("the OfS", "permission")}),
    # the law of the Union is no bearer, and "to which … is subject" closes the relative clause (GDPR Article 23(1))
    ("Union or Member State law to which the data controller or processor is subject may restrict by way of a "
     "legislative measure the scope of the obligations and rights.", {("", "permission")}),
    # a body named by its name is a bearer, an instrument named in capitals is not
    ("Natural Resources Wales must publish a report.", {("Natural Resources Wales", "obligation")}),
    ("Transport for London must keep the scheme under review.", {("Transport for London", "obligation")}),
    ("National Occupational Standards may set out the skills required.", {("", "permission")}),
    ("The Union or the Member State law shall meet an objective of public interest.", {("", "obligation")}),
    # unions are bearers (Trade Union and Labour Relations (Consolidation) Act 1992, s.24(1))
    ("A trade union shall compile and maintain a register of the names and proper addresses of its members.",
     {("A trade union", "obligation")}),
    ("A students’ union to which sections A5 and A6 apply must provide the regulator with such information as the "
     "regulator may require.", {("A students' union to which sections A5 and A6 apply", "obligation")}),
    # a relative clause closed by its own verb leaves the modal to the main clause
    ("A body to which this section applies must publish a statement each year.",
     {("A body to which this section applies", "obligation")}),
    ("The regulator must publish the matters to which it has regard.", {("The regulator", "obligation")}),
    # a second modal coordinated inside a relative clause stays in it
    ("The Secretary of State may by regulations make provision about matters to which the regulator must, or must "
     "not, have regard.", {("The Secretary of State", "permission")}),
    # "such an operator" in a listed bearer is the operator named before it
    ("The regulator, a licensed operator and a member of such an operator must comply with the code.",
     {("The regulator", "obligation"), ("a licensed operator", "obligation"),
      ("a member of a licensed operator", "obligation")}),
    # "it" after a condition whose predicates run over commas is the condition's subject (ARIA Act 2022, s.2(3))
    ("Where ARIA provides financial support, or makes property available, it may do so subject to conditions.",
     {("ARIA", "permission")}),
    ("Where the regulator receives a complaint, or becomes aware of a breach, it must investigate the matter.",
     {("the regulator", "obligation")}),
]


@pytest.mark.parametrize("sentence, expected", UK_SENTENCES, ids=[s[:40] for s, _ in UK_SENTENCES])
def test_bearers_of_uk_drafting(sentence: str, expected: set[tuple[str, str]]):
    assert uk(sentence) == expected

def test_a_bare_person_is_vague_but_a_person_identified_by_a_qualifier_is_not():
    found = norms("Article 3\n\n1. A person may bring civil proceedings against the provider.\n\n"
                  "2. A person appointed under subsection (1) may resign by notice to the Secretary of State.")
    assert {(n.actor, n.vague_actor) for n in found} == {("A person", True),
                                                         ("A person appointed under subsection (1)", False)}


BODIES_AND_RESTRICTIONS = [
    # a secretariat and a corporation are bodies that bear duties
    ("The secretariat of the Committee shall keep the minutes of its meetings.",
     {("The secretariat of the Committee", "obligation")}),
    ("The Parliamentary corporation is to publish the accounts of the office.",
     {("The Parliamentary corporation", "obligation")}),
    # "shall … neither X nor Y" bans both
    ("The auditor shall, when carrying out an audit, neither accept nor solicit gifts from the audited body.",
     {("The auditor", "prohibition")}),
    # "exclusively under", "only in cases of" restrict a duty or a power
    ("The committee shall act exclusively under the authority of its chair.", {("The committee", "prohibition")}),
    ("A registrar may refuse an application only in cases of manifest abuse.", {("A registrar", "prohibition")}),
    # appointing, electing, composing is done to the subject: with no agent named there is no bearer
    ("An interim director shall be appointed in accordance with the rules of procedure.", {("", "obligation")}),
    ("The panel shall be composed of three members with experience of audit.", {("", "obligation")}),
    ("A judge may be removed only in cases of gross misconduct.", {("", "prohibition")}),
    ("The chair shall be elected by the members of the panel.", {("the members of the panel", "obligation")}),
    # a limit a thing must not exceed is a ban with no bearer
    ("The total amount of the levy shall not exceed the amount specified in the annex.", {("", "prohibition")}),
]


@pytest.mark.parametrize("sentence, expected", BODIES_AND_RESTRICTIONS, ids=[s[:40] for s, _ in BODIES_AND_RESTRICTIONS])
def test_bodies_bans_and_passives_of_appointment(sentence: str, expected: set[tuple[str, str]]):
    assert uk(sentence) == expected


def test_neither_nor_keeps_both_verbs_in_the_banned_action():
    found = norms("Article 9\n\nIndependence\n\n2.   The auditor shall neither seek nor take instructions from anybody.")
    assert [(n.modality, n.action) for n in found] == [("prohibition", "seek or take instructions from anybody")]


def test_a_limit_in_an_item_under_a_thing_is_a_ban_with_no_bearer():
    assert uk_section("5.2", "The term of a member's appointment—", "5.2.a", "must not exceed 3 years,", "5.2.b",
                      "begins on the date of the appointment.") == {("", "prohibition")}


def test_a_lead_in_ending_in_a_dash_gives_its_items_and_no_norm_of_its_own():
    text = "## An Act\n\n#### A section\n\n5\n\n5.1\n\nThe regulator must—\n\n5.1.a\n\nkeep a register, and\n\n5.1.b\n\n" \
           "publish it each year.\n"
    found = extract_text(text, "t", "en").norms
    assert [(n.actor, n.modality, n.action) for n in found] == [("The regulator", "obligation", "keep a register"),
                                                               ("The regulator", "obligation", "publish it each year")]


def test_a_list_of_functions_with_no_modal_is_a_list_of_duties_of_its_owner():
    assert uk_section("5.1", "The Ombudsman’s general functions are—", "5.1.a", "to investigate complaints, and", "5.1.b",
                      "to report on them.") == {("the Ombudsman", "obligation")}
    assert uk_section("5.1", "The functions of the panel are—", "5.1.a", "to advise the Minister, and", "5.1.b",
                      "to report.") == {("the panel", "obligation")}
    assert uk_section("5.1", "The functions of this Part are—", "5.1.a", "to define terms, and", "5.1.b",
                      "to apply them.") == set()
