//! Proofreading table: every sentence the bilag and the tilbagemelding compute from
//! figures, for 0, 1, 2 and many — lists end with «og», counts agree with their nouns,
//! numbers have Danish thousands («1.234») and per cent («83 %»).

use fremdrift::dokument::statistik::optaelling::Optaelling;
use fremdrift::dokument::statistik::saetninger::{self as s, Aendringer, Bevaegelser};

fn o(groen: u32, gul: u32, roed: u32, ikke_besvaret: u32) -> Optaelling {
    Optaelling {
        groen,
        gul,
        roed,
        ikke_besvaret,
    }
}

/// Compares each case and reports every difference at once.
fn korrektur(tilfaelde: &[(&str, String, &str)]) {
    let fejl: Vec<String> = tilfaelde
        .iter()
        .filter(|(_, faktisk, forventet)| faktisk != forventet)
        .map(|(navn, faktisk, forventet)| {
            format!("{navn}:\n  er:    {faktisk}\n  skal:  {forventet}")
        })
        .collect();
    assert!(fejl.is_empty(), "{}", fejl.join("\n"));
}

const NBSP: &str = "\u{a0}";

#[test]
fn the_bilag_summary_reads_right_for_0_1_2_and_many() {
    let k = "Albertslund Kommune";
    korrektur(&[
        (
            "ingen anbefalinger",
            s::bilag_opsummering(k, &o(0, 0, 0, 0)),
            "Runden har ingen anbefalinger at vurdere.",
        ),
        (
            "1, besvaret",
            s::bilag_opsummering(k, &o(1, 0, 0, 0)),
            "Albertslund Kommune har vurderet fremdriften for rundens ene anbefaling: 1 grøn.",
        ),
        (
            "1, ikke besvaret",
            s::bilag_opsummering(k, &o(0, 0, 0, 1)),
            "Albertslund Kommune har endnu ikke vurderet fremdriften for rundens ene anbefaling.",
        ),
        (
            "2, begge",
            s::bilag_opsummering(k, &o(1, 1, 0, 0)),
            "Albertslund Kommune har vurderet fremdriften for begge anbefalinger: 1 grøn og 1 gul.",
        ),
        (
            "2, den ene",
            s::bilag_opsummering(k, &o(0, 0, 1, 1)),
            "Albertslund Kommune har vurderet fremdriften for 1 af de 2 anbefalinger: 1 rød. 1 anbefaling er ikke besvaret.",
        ),
        (
            "2, ingen",
            s::bilag_opsummering(k, &o(0, 0, 0, 2)),
            "Albertslund Kommune har endnu ikke vurderet fremdriften for nogen af de 2 anbefalinger.",
        ),
        (
            "mange, alle",
            s::bilag_opsummering(k, &o(9, 5, 2, 0)),
            "Albertslund Kommune har vurderet fremdriften for alle 16 anbefalinger: 9 grønne, 5 gule og 2 røde.",
        ),
        (
            "mange, 1 mangler",
            s::bilag_opsummering(k, &o(9, 5, 1, 1)),
            "Albertslund Kommune har vurderet fremdriften for 15 af de 16 anbefalinger: 9 grønne, 5 gule og 1 rød. 1 anbefaling er ikke besvaret.",
        ),
        (
            "mange, 2 mangler",
            s::bilag_opsummering(k, &o(1_200, 0, 0, 2)),
            "Albertslund Kommune har vurderet fremdriften for 1.200 af de 1.202 anbefalinger: 1.200 grønne. 2 anbefalinger er ikke besvaret.",
        ),
    ]);
}

#[test]
fn the_distribution_in_words_reads_right() {
    korrektur(&[
        ("0", s::fordeling(&o(0, 0, 0, 0)), "ingen"),
        ("1", s::fordeling(&o(0, 1, 0, 0)), "1 gul"),
        (
            "2",
            s::fordeling(&o(1, 0, 0, 1)),
            "1 grøn og 1 ikke besvaret",
        ),
        (
            "mange",
            s::fordeling(&o(2_500, 5, 1, 3)),
            "2.500 grønne, 5 gule, 1 rød og 3 ikke besvaret",
        ),
    ]);
}

#[test]
fn the_response_sentences_read_right_for_0_1_2_and_many() {
    let p = Some("2015");
    korrektur(&[
        (
            "0 af 29",
            s::svar(0, 29, None, true),
            &format!("Ingen af de 29 kommuner har endnu meldt status (0{NBSP}%)."),
        ),
        (
            "1 af 29",
            s::svar(1, 29, None, true),
            &format!("1 af de 29 kommuner har meldt status (3{NBSP}%)."),
        ),
        (
            "2 af 29",
            s::svar(2, 29, p, false),
            "2 af de 29 kommuner har meldt status for 2015.",
        ),
        (
            "24 af 29",
            s::svar(24, 29, None, true),
            &format!("24 af de 29 kommuner har meldt status (83{NBSP}%)."),
        ),
        (
            "29 af 29",
            s::svar(29, 29, p, false),
            "Alle 29 kommuner har meldt status for 2015.",
        ),
        (
            "1 af 1",
            s::svar(1, 1, p, true),
            &format!("Kommunen har meldt status for 2015 (100{NBSP}%)."),
        ),
        (
            "0 af 1",
            s::svar(0, 1, None, false),
            "Kommunen har endnu ikke meldt status.",
        ),
        (
            "2 af 2",
            s::svar(2, 2, None, false),
            "Begge kommuner har meldt status.",
        ),
        (
            "0 af 2",
            s::svar(0, 2, None, false),
            "Ingen af de 2 kommuner har endnu meldt status.",
        ),
        (
            "1.500 af 2.000",
            s::svar(1_500, 2_000, None, true),
            &format!("1.500 af de 2.000 kommuner har meldt status (75{NBSP}%)."),
        ),
    ]);
    let mangler = |n: &[&str]| s::mangler(n).unwrap_or_else(|| "–".into());
    let udkast = |n: &[&str]| s::udkast(n).unwrap_or_else(|| "–".into());
    korrektur(&[
        ("ingen mangler", mangler(&[]), "–"),
        (
            "1 mangler",
            mangler(&["Dragør Kommune"]),
            "Der mangler status fra Dragør Kommune.",
        ),
        (
            "2 mangler",
            mangler(&["Dragør Kommune", "Ishøj Kommune"]),
            "Der mangler status fra Dragør Kommune og Ishøj Kommune.",
        ),
        (
            "mange mangler",
            mangler(&[
                "Dragør Kommune",
                "Ishøj Kommune",
                "Vallensbæk Kommune",
                "Gribskov Kommune",
                "Bornholms Regionskommune",
            ]),
            "Der mangler status fra Dragør Kommune, Ishøj Kommune, Vallensbæk Kommune, Gribskov Kommune og Bornholms Regionskommune.",
        ),
        ("ingen udkast", udkast(&[]), "–"),
        (
            "1 udkast",
            udkast(&["Herlev Kommune"]),
            "Status fra Herlev Kommune er endnu et udkast, der ikke er behandlet politisk.",
        ),
        (
            "2 udkast",
            udkast(&["Herlev Kommune", "Hvidovre Kommune"]),
            "Status fra Herlev Kommune og Hvidovre Kommune er endnu udkast, der ikke er behandlet politisk.",
        ),
        (
            "mange udkast",
            udkast(&[
                "Herlev Kommune",
                "Hvidovre Kommune",
                "Frederikssund Kommune",
            ]),
            "Status fra Herlev Kommune, Hvidovre Kommune og Frederikssund Kommune er endnu udkast, der ikke er behandlet politisk.",
        ),
    ]);
}

#[test]
fn the_assessment_sentences_read_right_for_0_1_2_and_many() {
    korrektur(&[
        (
            "ingen vurderinger",
            s::vurderinger(&o(0, 0, 0, 0)),
            "Der er endnu ingen vurderinger.",
        ),
        (
            "1 vurdering",
            s::vurderinger(&o(0, 0, 1, 0)),
            "Den eneste vurdering er rød.",
        ),
        (
            "1 ubesvaret",
            s::vurderinger(&o(0, 0, 0, 1)),
            "Den eneste anbefaling er ikke besvaret.",
        ),
        (
            "kun ubesvarede",
            s::vurderinger(&o(0, 0, 0, 16)),
            "Ingen af anbefalingerne er besvaret endnu.",
        ),
        (
            "2",
            s::vurderinger(&o(1, 0, 0, 1)),
            "Af de 2 vurderinger på tværs af kommuner og anbefalinger er 1 grøn, mens 1 ikke er besvaret.",
        ),
        (
            "mange",
            s::vurderinger(&o(250, 90, 20, 24)),
            "Af de 384 vurderinger på tværs af kommuner og anbefalinger er 250 grønne, 90 gule og 20 røde, mens 24 ikke er besvaret.",
        ),
        (
            "tusinder",
            s::vurderinger(&o(2_000, 1_000, 920, 0)),
            "Af de 3.920 vurderinger på tværs af kommuner og anbefalinger er 2.000 grønne, 1.000 gule og 920 røde.",
        ),
        (
            "SKAL 0",
            s::skal_mangler(0),
            "Ingen kommuner har SKAL-initiativer, der er røde eller ikke besvaret.",
        ),
        (
            "SKAL 1",
            s::skal_mangler(1),
            "1 kommune har mindst ét SKAL-initiativ, der er rødt eller ikke besvaret.",
        ),
        (
            "SKAL 2",
            s::skal_mangler(2),
            "2 kommuner har mindst ét SKAL-initiativ, der er rødt eller ikke besvaret.",
        ),
        (
            "SKAL mange",
            s::skal_mangler(1_001),
            "1.001 kommuner har mindst ét SKAL-initiativ, der er rødt eller ikke besvaret.",
        ),
        (
            "SKAL i orden, 0 svar",
            s::skal_i_orden(0),
            "Ingen kommuner har meldt status endnu.",
        ),
        (
            "SKAL i orden, 1 svar",
            s::skal_i_orden(1),
            "Den kommune, der har meldt status, har vurderet alle SKAL-initiativer grønne eller gule.",
        ),
        (
            "SKAL i orden, 2 svar",
            s::skal_i_orden(2),
            "Alle kommuner, der har meldt status, har vurderet alle SKAL-initiativer grønne eller gule.",
        ),
    ]);
}

fn udvikling(faelles: usize, forbedret: u32, forvaerret: u32, uaendret: u32, andre: u32) -> String {
    s::udvikling(&Aendringer {
        forrige_periode: "2014",
        faelles_anbefalinger: faelles,
        forbedret,
        forvaerret,
        uaendret,
        andre,
    })
}

#[test]
fn the_development_sentence_reads_right_for_0_1_2_and_many() {
    korrektur(&[
        (
            "intet at sammenligne",
            udvikling(12, 0, 0, 0, 0),
            "For de 12 anbefalinger, der videreføres fra 2014, er der ingen vurderinger at sammenligne endnu.",
        ),
        (
            "1 anbefaling, 1 uændret",
            udvikling(1, 0, 0, 1, 0),
            "For den ene anbefaling, der videreføres fra 2014, er 1 vurdering uændret.",
        ),
        (
            "1 forbedret",
            udvikling(2, 1, 0, 0, 0),
            "For de 2 anbefalinger, der videreføres fra 2014, er 1 vurdering forbedret.",
        ),
        (
            "2 forværret, 2 uændrede",
            udvikling(2, 0, 2, 2, 0),
            "For de 2 anbefalinger, der videreføres fra 2014, er 2 vurderinger forværret og 2 uændrede.",
        ),
        (
            "kun andre, 1",
            udvikling(3, 0, 0, 0, 1),
            "For de 3 anbefalinger, der videreføres fra 2014, er 1 vurdering gået fra eller til «ikke besvaret».",
        ),
        (
            "kun andre, 2",
            udvikling(3, 0, 0, 0, 2),
            "For de 3 anbefalinger, der videreføres fra 2014, er 2 vurderinger gået fra eller til «ikke besvaret».",
        ),
        (
            "mange",
            udvikling(16, 57, 12, 1_300, 3),
            "For de 16 anbefalinger, der videreføres fra 2014, er 57 vurderinger forbedret, 12 forværret og 1.300 uændrede, mens 3 er gået fra eller til «ikke besvaret».",
        ),
        (
            "1 af hver",
            udvikling(4, 1, 1, 1, 1),
            "For de 4 anbefalinger, der videreføres fra 2014, er 1 vurdering forbedret, 1 forværret og 1 uændret, mens 1 er gået fra eller til «ikke besvaret».",
        ),
    ]);
}

fn sammenligning(op: u32, ned: u32, samme: u32, andre: u32) -> String {
    s::sammenligning(&Bevaegelser {
        forrige_periode: "2015",
        op,
        ned,
        samme,
        andre,
    })
}

#[test]
fn the_comparison_with_last_period_reads_right_for_0_1_2_and_many() {
    korrektur(&[
        (
            "intet at sammenligne",
            sammenligning(0, 0, 0, 0),
            "Sammenlignet med 2015 er der ingen anbefalinger at sammenligne.",
        ),
        (
            "1 uændret",
            sammenligning(0, 0, 1, 0),
            "Sammenlignet med 2015 er 1 anbefaling uændret.",
        ),
        (
            "1 op",
            sammenligning(1, 0, 0, 0),
            "Sammenlignet med 2015 er 1 anbefaling rykket op.",
        ),
        (
            "2 ned, 2 uændret",
            sammenligning(0, 2, 2, 0),
            "Sammenlignet med 2015 er 2 anbefalinger rykket ned og 2 uændret.",
        ),
        (
            "kun besvaret det ene år, 1",
            sammenligning(0, 0, 0, 1),
            "Sammenlignet med 2015 er 1 anbefaling kun besvaret det ene år.",
        ),
        (
            "kun besvaret det ene år, 2",
            sammenligning(0, 0, 0, 2),
            "Sammenlignet med 2015 er 2 anbefalinger kun besvaret det ene år.",
        ),
        (
            "mange",
            sammenligning(1_057, 12, 1_300, 3),
            "Sammenlignet med 2015 er 1.057 anbefalinger rykket op, 12 rykket ned og 1.300 uændret, mens 3 anbefalinger kun er besvaret det ene år.",
        ),
        (
            "1 af hver",
            sammenligning(1, 1, 1, 1),
            "Sammenlignet med 2015 er 1 anbefaling rykket op, 1 rykket ned og 1 uændret, mens 1 anbefaling kun er besvaret det ene år.",
        ),
    ]);
}

#[test]
fn the_adjustment_sentence_reads_right_for_0_1_2_and_many() {
    let sigte = Some("2016-2017");
    korrektur(&[
        (
            "ingen",
            s::justeringer(0, 0, sigte),
            "Koordinationsgruppen har endnu ikke formuleret justeringer eller nye anbefalinger for denne periode.",
        ),
        (
            "1 justering",
            s::justeringer(1, 0, sigte),
            "Koordinationsgruppen foreslår 1 justering af en eksisterende anbefaling med et 2-årigt sigte (2016-2017).",
        ),
        (
            "1 ny",
            s::justeringer(0, 1, None),
            "Koordinationsgruppen foreslår 1 ny anbefaling med et 2-årigt sigte.",
        ),
        (
            "1 og 1",
            s::justeringer(1, 1, sigte),
            "Koordinationsgruppen foreslår 1 justering af en eksisterende anbefaling og 1 ny anbefaling med et 2-årigt sigte (2016-2017).",
        ),
        (
            "2 og 2",
            s::justeringer(2, 2, None),
            "Koordinationsgruppen foreslår 2 justeringer af eksisterende anbefalinger og 2 nye anbefalinger med et 2-årigt sigte.",
        ),
        (
            "mange",
            s::justeringer(12, 0, sigte),
            "Koordinationsgruppen foreslår 12 justeringer af eksisterende anbefalinger med et 2-årigt sigte (2016-2017).",
        ),
    ]);
}
