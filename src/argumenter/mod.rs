//! Command-line arguments as the user typed them (clap, with Danish help texts); they
//! are turned into checked values in one place ([`kontekst`]), and clap's own errors
//! into Danish ones ([`parse`]).

mod fortolkning;
mod kontekst;

use std::path::PathBuf;

use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};

pub use fortolkning::{Parset, parse, parse_fra};
pub use kontekst::{Kontekst, find_projekt, kontekst, projektmappe};

const HJAELP: &str = "\
{before-help}{about}

Brug: {usage}

{all-args}{after-help}";

/// fremdrift – fremdriftsskemaer og KKR-tilbagemeldinger fra YAML til PDF.
#[derive(Debug, Parser)]
#[command(
    name = "fremdrift",
    version,
    help_template = HJAELP,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    override_usage = "fremdrift [VALG] <KOMMANDO>",
    subcommand_help_heading = "Kommandoer",
    next_help_heading = "Valg",
    after_help = "Se README.md for en vejledning til kommuner og KKR-sekretariater."
)]
pub struct Cli {
    #[command(flatten)]
    pub faelles: FaellesValg,

    #[command(subcommand)]
    pub kommando: Kommando,
}

/// Options that every command takes.
#[derive(Debug, Args)]
#[command(next_help_heading = "Valg")]
pub struct FaellesValg {
    /// Projektmappen (standard: den nærmeste mappe med content/kkr.yaml, fra den aktuelle mappe og opad)
    #[arg(short = 'C', long = "projekt", value_name = "MAPPE", global = true)]
    pub projekt: Option<PathBuf>,

    /// Perioden, fx 2015 (standard: den nyeste i content/)
    #[arg(long, value_name = "PERIODE", global = true)]
    pub periode: Option<String>,

    /// Vis kun fejl
    #[arg(
        short = 'q',
        long = "stille",
        global = true,
        conflicts_with = "detaljer"
    )]
    pub stille: bool,

    /// Vis også projektmappen og tider for hvert trin og hvert dokument
    #[arg(short = 'v', long = "detaljer", global = true)]
    pub detaljer: bool,

    /// Vis hjælp
    #[arg(short = 'h', long = "help", action = ArgAction::Help, global = true)]
    pub hjaelp: Option<bool>,

    /// Vis versionsnummer
    #[arg(short = 'V', long = "version", action = ArgAction::Version)]
    pub version: Option<bool>,
}

#[derive(Debug, Subcommand)]
pub enum Kommando {
    /// Kontrollér indholdet og vis alle fejl og advarsler
    #[command(help_template = HJAELP, next_help_heading = "Valg", override_usage = "fremdrift check [VALG]")]
    Check(CheckArgs),

    /// Lav bilag til kommunalbestyrelsen for en eller flere kommuner
    #[command(help_template = HJAELP, next_help_heading = "Valg", override_usage = "fremdrift bilag [VALG] <KOMMUNE>... | --alle")]
    Bilag(BilagArgs),

    /// Lav den samlede tilbagemelding til KKR fra alle kommuners status
    #[command(
        help_template = HJAELP,
        next_help_heading = "Valg",
        override_usage = "fremdrift tilbagemelding [VALG]"
    )]
    Tilbagemelding(TilbagemeldingArgs),

    /// Lav alle dokumenter for perioden i out/
    #[command(help_template = HJAELP, next_help_heading = "Valg", override_usage = "fremdrift build [VALG]")]
    Build(BuildArgs),

    /// Skriv en statusfil, et regneark eller et Word-dokument for en kommune, klar til at udfylde
    #[command(
        help_template = HJAELP,
        next_help_heading = "Valg",
        override_usage = "fremdrift skabelon [VALG] <KOMMUNE>... | --alle --xlsx | --alle --docx"
    )]
    Skabelon(SkabelonArgs),

    /// Læs udfyldte regneark (.xlsx eller .ods) eller Word-dokumenter (.docx) ind som statusfiler
    #[command(
        name = "indlaes",
        visible_alias = "indlæs",
        help_template = HJAELP,
        next_help_heading = "Valg",
        override_usage = "fremdrift indlaes [VALG] <FIL>..."
    )]
    Indlaes(IndlaesArgs),

    /// Saml alle kommuners svar i ét regneark (eller CSV) til egen analyse
    #[command(help_template = HJAELP, next_help_heading = "Valg", override_usage = "fremdrift eksport [VALG]")]
    Eksport(EksportArgs),

    /// Opret næste periode ud fra den nyeste (eller den angivne) periode
    #[command(help_template = HJAELP, next_help_heading = "Valg", override_usage = "fremdrift ny-periode [VALG] <PERIODE> [--fra <PERIODE>]")]
    NyPeriode(NyPeriodeArgs),

    /// Vis dokumenterne i browseren og opdatér dem, når filerne ændres
    #[command(help_template = HJAELP, next_help_heading = "Valg", override_usage = "fremdrift preview [VALG]")]
    Preview(PreviewArgs),

    /// Saml svarene ind i browseren: et personligt link til hver kommune, et overblik til sekretariatet
    #[command(
        help_template = HJAELP,
        next_help_heading = "Valg",
        override_usage = "fremdrift indsamling [VALG] <links|nyt-link|serve|log>",
        subcommand_help_heading = "Kommandoer",
        after_help = "Se README.md («Indsamling i browseren») for opsætning på en server, links, påmindelser og sikkerhedskopi."
    )]
    Indsamling(IndsamlingArgs),

    /// Opret et nyt projekt for et af de fem KKR
    #[command(
        help_template = HJAELP,
        next_help_heading = "Valg",
        override_usage = "fremdrift [--periode <PERIODE>] init --kkr <KKR> <MAPPE>",
        after_help = "Den første periode (mappen content/<PERIODE>/) får årets årstal. Er runden for et andet år, så vælg det med --periode, fx «fremdrift --periode 2025 init --kkr syddanmark kkr-syd»."
    )]
    Init(InitArgs),

    /// Skriv JSON-skemaer til editorer (VS Code m.fl.) i skema/
    #[command(help_template = HJAELP, next_help_heading = "Valg", override_usage = "fremdrift skema [VALG]")]
    Skema(SkemaArgs),

    /// Skriv et script, der fuldfører kommandoer og valg i skallen
    #[command(
        help_template = HJAELP,
        next_help_heading = "Valg",
        override_usage = "fremdrift completions <SKAL>",
        after_help = "Se README.md («Fuldførelse i skallen») for hvor scriptet skal ligge."
    )]
    Completions(CompletionsArgs),

    /// Vis hjælp til fremdrift eller til en kommando
    #[command(name = "help", help_template = HJAELP, next_help_heading = "Valg", override_usage = "fremdrift help [KOMMANDO]")]
    Hjaelp(HjaelpArgs),

    /// Forhåndsvisningens oversætter (startes af «fremdrift preview»)
    #[command(name = "oversaetter", hide = true)]
    Oversaetter,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Uddata: tekst (standard) til mennesker, eller json til editorer og CI
    #[arg(
        long,
        value_enum,
        value_name = "FORMAT",
        default_value = "tekst",
        hide_default_value = true,
        hide_possible_values = true
    )]
    pub format: Format,
}

/// How `check` prints its diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Linjer som «fil:linje:kolonne: fejl: …»
    #[value(alias = "text")]
    Tekst,
    /// Ét JSON-objekt på standard-output
    Json,
}

#[derive(Debug, Args)]
pub struct SkemaArgs {
    /// Mappen, skemaerne skrives i (standard: skema/ i projektet)
    #[arg(short, long, value_name = "MAPPE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// Skallen: bash, zsh, fish, powershell eller elvish
    #[arg(value_enum, value_name = "SKAL", hide_possible_values = true)]
    pub skal: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct HjaelpArgs {
    /// Kommandoen, fx build
    #[arg(value_name = "KOMMANDO")]
    pub kommando: Option<String>,
}

#[derive(Debug, Args)]
pub struct BilagArgs {
    /// Kommunernes id, kode eller navn, fx albertslund eller 165
    #[arg(value_name = "KOMMUNE", required_unless_present = "alle")]
    pub kommuner: Vec<String>,

    /// Lav bilag for alle kommuner med en statusfil
    #[arg(long, conflicts_with = "kommuner")]
    pub alle: bool,

    /// Outputfil (én kommune) eller outputmappe (flere kommuner)
    #[arg(short, long, value_name = "STI")]
    pub output: Option<PathBuf>,

    #[command(flatten)]
    pub typ: TypArg,
}

#[derive(Debug, Args)]
pub struct TilbagemeldingArgs {
    /// Outputfil (standard: out/<periode>/tilbagemelding.pdf)
    #[arg(short, long, value_name = "FIL")]
    pub output: Option<PathBuf>,

    #[command(flatten)]
    pub typ: TypArg,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Outputmappe (standard: out/ i projektet)
    #[arg(short, long, value_name = "MAPPE")]
    pub output: Option<PathBuf>,

    #[command(flatten)]
    pub typ: TypArg,
}

#[derive(Debug, Args)]
pub struct TypArg {
    /// Skriv også den genererede Typst-kode (.typ) ved siden af hver PDF
    #[arg(long)]
    pub typ: bool,
}

#[derive(Debug, Args)]
pub struct PreviewArgs {
    /// Porten på 127.0.0.1; er den optaget, er det en fejl (standard: den første ledige fra 3000)
    #[arg(short, long, value_name = "PORT")]
    pub port: Option<u16>,

    /// Åbn forhåndsvisningen i browseren
    #[arg(long)]
    pub open: bool,
}

#[derive(Debug, Args)]
pub struct IndsamlingArgs {
    #[command(subcommand)]
    pub kommando: IndsamlingKommando,
}

#[derive(Debug, Subcommand)]
pub enum IndsamlingKommando {
    /// Lav et link til hver kommune i kkr.yaml, der ikke har et, og skriv indsamling/links.csv til brevfletning
    #[command(help_template = HJAELP, next_help_heading = "Valg", override_usage = "fremdrift indsamling links --url <URL>")]
    Links(LinksArgs),

    /// Tilbagekald en kommunes link (eller sekretariatets) og lav et nyt
    #[command(name = "nyt-link", help_template = HJAELP, next_help_heading = "Valg", override_usage = "fremdrift indsamling nyt-link <KOMMUNE|sekretariat>")]
    NytLink(NytLinkArgs),

    /// Kør indsamlingen: kommunernes sider, sekretariatets overblik og påmindelserne
    #[command(
        help_template = HJAELP,
        next_help_heading = "Valg",
        override_usage = "fremdrift indsamling serve --adresse <ADRESSE> [--url <URL>] [--tls-cert <FIL> --tls-key <FIL>] [--smtp <URL> --afsender <ADRESSE>]"
    )]
    Serve(ServeArgs),

    /// Vis hvem der har gjort hvad og hvornår, én linje pr. hændelse
    #[command(help_template = HJAELP, next_help_heading = "Valg", override_usage = "fremdrift indsamling log")]
    Log(LogArgs),
}

#[derive(Debug, Args)]
pub struct LinksArgs {
    /// Tjenestens offentlige adresse, fx https://indsamling.kkr-eksempel.dk
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
}

#[derive(Debug, Args)]
pub struct NytLinkArgs {
    /// Kommunens id, kode eller navn – eller «sekretariat»
    #[arg(value_name = "KOMMUNE")]
    pub hvem: String,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Adressen, der lyttes på, fx 127.0.0.1:8080 (bag en reverse proxy) eller 0.0.0.0:443
    #[arg(long, value_name = "ADRESSE")]
    pub adresse: std::net::SocketAddr,

    /// Tjenestens offentlige adresse (standard: den, «indsamling links --url» gemte)
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,

    /// Certifikatet (PEM) til https direkte i fremdrift
    #[arg(long, value_name = "FIL", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,

    /// Den private nøgle (PEM) til certifikatet
    #[arg(long, value_name = "FIL", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,

    /// SMTP-serveren til invitationer og påmindelser, fx smtp://mail.kkr-eksempel.dk:587 (adgangskoden i FREMDRIFT_SMTP_ADGANGSKODE)
    #[arg(long, value_name = "URL", requires = "afsender")]
    pub smtp: Option<String>,

    /// Afsenderadressen på e-mails, fx kkr@kl.dk
    #[arg(long, value_name = "ADRESSE", requires = "smtp")]
    pub afsender: Option<String>,

    /// Stol på X-Forwarded-For og X-Forwarded-Proto fra en reverse proxy på denne maskine
    #[arg(long)]
    pub bag_proxy: bool,
}

#[derive(Debug, Args)]
pub struct LogArgs {}

#[derive(Debug, Args)]
pub struct SkabelonArgs {
    /// Kommunernes id, kode eller navn
    #[arg(value_name = "KOMMUNE", required_unless_present = "alle")]
    pub kommuner: Vec<String>,

    /// Et regneark eller Word-dokument for hver af KKR'ets kommuner (med --xlsx eller --docx)
    #[arg(long, conflicts_with = "kommuner")]
    pub alle: bool,

    /// Skriv et regneark (.xlsx), udfyldt med kommunens svar, hvis den har en statusfil
    #[arg(long)]
    pub xlsx: bool,

    /// Skriv et Word-dokument (.docx) med felter at udfylde, udfyldt med kommunens svar, hvis den har en statusfil
    #[arg(long, conflicts_with = "xlsx")]
    pub docx: bool,

    /// Mappen til regnearkene eller dokumenterne (standard: out/<periode>/skabeloner)
    #[arg(short, long, value_name = "MAPPE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct IndlaesArgs {
    /// Udfyldte regneark (.xlsx eller .ods) eller Word-dokumenter (.docx); kommunen står under «Oplysninger»
    #[arg(value_name = "FIL", required = true)]
    pub filer: Vec<PathBuf>,

    /// Erstat en eksisterende statusfil med andre svar (den forrige gemmes i historik/)
    #[arg(long)]
    pub overskriv: bool,
}

#[derive(Debug, Args)]
pub struct EksportArgs {
    /// Filformatet: xlsx (standard) eller csv
    #[arg(
        long,
        value_enum,
        value_name = "FORMAT",
        default_value_t = EksportFormat::Xlsx,
        hide_default_value = true,
        hide_possible_values = true
    )]
    pub format: EksportFormat,

    /// Outputfil (standard: out/<periode>/svar.xlsx eller svar.csv)
    #[arg(short, long, value_name = "FIL")]
    pub output: Option<PathBuf>,
}

/// What `eksport` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EksportFormat {
    Xlsx,
    Csv,
}

#[derive(Debug, Args)]
pub struct NyPeriodeArgs {
    /// Den nye periodes navn, fx 2016 (bliver mappen content/<PERIODE>/)
    #[arg(id = "ny_periode", value_name = "PERIODE")]
    pub periode: String,

    /// Perioden, der kopieres (standard: den nyeste i content/)
    #[arg(long, value_name = "PERIODE")]
    pub fra: Option<String>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Hvilket KKR projektet er for: hovedstaden, sjaelland, syddanmark, midtjylland eller nordjylland
    #[arg(long, value_enum, value_name = "KKR", hide_possible_values = true)]
    pub kkr: KkrValg,

    /// Mappen, der oprettes (må ikke findes i forvejen eller skal være tom)
    #[arg(value_name = "MAPPE")]
    pub mappe: PathBuf,
}

/// The five KKR.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KkrValg {
    Hovedstaden,
    Sjaelland,
    Syddanmark,
    Midtjylland,
    Nordjylland,
}

impl KkrValg {
    pub fn noegle(self) -> &'static str {
        match self {
            KkrValg::Hovedstaden => "hovedstaden",
            KkrValg::Sjaelland => "sjaelland",
            KkrValg::Syddanmark => "syddanmark",
            KkrValg::Midtjylland => "midtjylland",
            KkrValg::Nordjylland => "nordjylland",
        }
    }
}
