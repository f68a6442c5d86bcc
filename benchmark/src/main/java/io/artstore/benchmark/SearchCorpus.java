package io.artstore.benchmark;

import io.artstore.shared.client.storage.StoredFile;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Realistic file records for the search benchmark, each a pure function of its row number (a re-run
 * or a larger run generates the same rows again): filenames from word lists and document codes,
 * descriptions of 5–25 words mixing English and Russian with Zipf-like word frequencies (a long
 * tail of company names makes rare words), 1–4 of ~200 tags, 1–3 metadata keys (plus the marker
 * {@code bench=1}), log-normal sizes, three years of creation dates, 10 uploaders, 3 elements,
 * mostly temporary retention, ~3 % deleted.
 */
final class SearchCorpus {
  /** The metadata every benchmark row carries: how a re-run finds them. */
  static final String MARKER_KEY = "bench";

  static final String MARKER_VALUE = "1";

  /** The end of the three years the files were created in. */
  static final Instant END = Instant.parse("2026-11-01T00:00:00Z");

  static final Instant START = END.minus(Duration.ofDays(3 * 365));

  /** English vocabulary, most frequent first; "a|b|c" are forms of one word (a random one used). */
  static final String[] ENGLISH = {
    "the",
    "of",
    "and",
    "for",
    "to",
    "in",
    "report|reports|reporting|reported",
    "with",
    "on",
    "document|documents",
    "file|files",
    "data",
    "by",
    "from",
    "project|projects",
    "final",
    "version|versions",
    "draft|drafts",
    "quarterly",
    "contract|contracts|contracted",
    "invoice|invoices|invoiced|invoicing",
    "payment|payments|paid|paying",
    "review|reviews|reviewed",
    "meeting|meetings",
    "summary",
    "annual",
    "budget|budgets|budgeting",
    "plan|plans|planning",
    "customer|customers",
    "supplier|suppliers",
    "delivery|deliveries|delivered",
    "order|orders",
    "sales",
    "account|accounts|accounting",
    "financial",
    "statement|statements",
    "minutes",
    "agreement|agreements",
    "approval|approvals|approved",
    "request|requests|requested",
    "update|updates|updated",
    "analysis|analyses|analyzed",
    "scan|scans|scanned",
    "copy|copies",
    "signed",
    "original",
    "internal",
    "external",
    "team|teams",
    "office|offices",
    "audit|audits|audited",
    "tax|taxes",
    "expense|expenses",
    "travel|travelling",
    "employee|employees",
    "policy|policies",
    "procedure|procedures",
    "training|trainings",
    "presentation|presentations",
    "proposal|proposals",
    "specification|specifications",
    "requirement|requirements",
    "design|designs|designed",
    "architecture",
    "server|servers",
    "network|networks",
    "security",
    "incident|incidents",
    "backup|backups",
    "migration|migrations",
    "release|releases|released",
    "test|tests|testing|tested",
    "result|results",
    "market|markets",
    "price|prices|pricing",
    "product|products",
    "service|services",
    "warranty|warranties",
    "claim|claims|claimed",
    "insurance",
    "shipment|shipments|shipping",
    "warehouse|warehouses",
    "inventory|inventories",
    "purchase|purchases|purchasing",
    "receipt|receipts",
    "bank",
    "transfer|transfers|transferred",
    "loan|loans",
    "credit|credits",
    "debit",
    "balance|balances",
    "forecast|forecasts|forecasting",
    "revenue|revenues",
    "cost|costs",
    "margin|margins",
    "schedule|schedules|scheduled",
    "deadline|deadlines",
    "milestone|milestones",
    "risk|risks",
    "issue|issues",
    "change|changes|changed",
    "letter|letters",
    "memo|memos",
    "notice|notices",
    "license|licenses|licensed",
    "permit|permits",
    "certificate|certificates",
    "photo|photos",
    "drawing|drawings",
    "map|maps",
    "survey|surveys|surveyed",
    "inspection|inspections|inspected",
    "maintenance",
    "repair|repairs|repaired",
    "equipment",
    "vehicle|vehicles",
    "fuel",
    "energy",
    "water",
    "building|buildings",
    "construction",
    "lease|leases|leased",
    "property|properties",
    "legal",
    "court",
    "lawsuit|lawsuits",
    "compliance",
    "regulation|regulations",
    "archive|archives|archived",
    "retention",
    "export|exports|exported",
    "import|imports|imported",
    "template|templates",
    "form|forms",
    "checklist|checklists",
    "manual|manuals",
    "guide|guides",
    "handbook",
    "onboarding",
    "salary|salaries",
    "bonus|bonuses",
    "vacation|vacations",
    "benefit|benefits",
    "pension|pensions",
    "recruitment",
    "interview|interviews|interviewed",
    "candidate|candidates",
    "evaluation|evaluations",
    "feedback",
    "complaint|complaints",
    "refund|refunds|refunded",
    "discount|discounts",
    "tender|tenders",
    "bid|bids",
    "auction",
    "partner|partners|partnership",
    "vendor|vendors",
    "consultant|consultants",
    "subsidiary",
    "merger|mergers",
    "acquisition|acquisitions",
    "dividend|dividends",
    "shareholder|shareholders",
    "board",
    "committee|committees",
    "resolution|resolutions",
    "appendix|appendices",
    "amendment|amendments|amended",
    "termination|terminated",
    "renewal|renewals|renewed",
    "extension|extensions|extended",
    "reconciliation|reconciled",
    "ledger|ledgers",
    "depreciation",
    "amortization",
    "liability|liabilities",
    "asset|assets",
    "equity",
    "cashflow",
    "payroll",
    "timesheet|timesheets",
    "overtime",
    "logistics",
    "customs",
    "declaration|declarations",
    "freight",
    "pallet|pallets",
    "container|containers",
    "calibration|calibrated",
    "prototype|prototypes",
    "firmware",
    "schematic|schematics",
    "telemetry",
    "sensor|sensors",
    "turbine|turbines",
    "pipeline|pipelines",
    "substation",
    "hydraulic",
    "quarantine",
    "sterilization",
    "biopsy",
    "dosage",
    "pharmacovigilance",
    "geotechnical",
    "cadastral",
    "topographic",
    "bathymetry",
    "seismic",
    "photogrammetry",
  };

  /** Russian vocabulary, most frequent first; forms of one word separated by "|". */
  static final String[] RUSSIAN = {
    "и",
    "в",
    "на",
    "по",
    "для",
    "с",
    "отчёт|отчета|отчёты|отчетов|отчётом",
    "документ|документа|документы|документов",
    "договор|договора|договоры|договоров|договорами|договору",
    "год|года|году|годов",
    "проект|проекта|проекты|проектов",
    "счёт|счета|счетов|счётом",
    "оплата|оплаты|оплату|оплатой",
    "акт|акта|акты|актов",
    "работа|работы|работ|работами",
    "поставка|поставки|поставок|поставку",
    "заявка|заявки|заявок|заявку",
    "приказ|приказа|приказы|приказов",
    "служебная|служебной",
    "записка|записки|записку",
    "квартал|квартала|кварталов",
    "бюджет|бюджета|бюджеты",
    "план|плана|планы|планов",
    "клиент|клиента|клиенты|клиентов",
    "поставщик|поставщика|поставщики|поставщиков",
    "сверка|сверки|сверку",
    "бухгалтерия|бухгалтерии",
    "налог|налога|налоги|налогов",
    "декларация|декларации|деклараций",
    "сотрудник|сотрудника|сотрудники|сотрудников",
    "отпуск|отпуска|отпусков",
    "командировка|командировки|командировок",
    "зарплата|зарплаты|зарплату",
    "премия|премии|премий",
    "штатное|штатного",
    "расписание|расписания",
    "совещание|совещания|совещаний",
    "протокол|протокола|протоколы|протоколов",
    "решение|решения|решений",
    "согласование|согласования",
    "утверждение|утверждения",
    "изменение|изменения|изменений",
    "дополнительное|дополнительного",
    "соглашение|соглашения|соглашений",
    "приложение|приложения|приложений",
    "спецификация|спецификации|спецификаций",
    "техническое|технического",
    "задание|задания|заданий",
    "требование|требования|требований",
    "проверка|проверки|проверок",
    "аудит|аудита|аудиты",
    "ревизия|ревизии",
    "инвентаризация|инвентаризации",
    "склад|склада|склады|складов",
    "товар|товара|товары|товаров",
    "накладная|накладной|накладные|накладных",
    "счёт-фактура|счета-фактуры",
    "возврат|возврата|возвраты",
    "претензия|претензии|претензий",
    "жалоба|жалобы|жалоб",
    "гарантия|гарантии|гарантий",
    "ремонт|ремонта|ремонты",
    "обслуживание|обслуживания",
    "оборудование|оборудования",
    "транспорт|транспорта",
    "доставка|доставки|доставку",
    "маршрут|маршрута|маршруты",
    "аренда|аренды|аренду",
    "помещение|помещения|помещений",
    "здание|здания|зданий",
    "строительство|строительства",
    "смета|сметы|смет",
    "проектная|проектной",
    "документация|документации",
    "лицензия|лицензии|лицензий",
    "сертификат|сертификата|сертификаты",
    "разрешение|разрешения|разрешений",
    "экспертиза|экспертизы",
    "заключение|заключения|заключений",
    "юридический|юридического",
    "иск|иска|иски|исков",
    "суд|суда|суды|судов",
    "арбитраж|арбитража",
    "банк|банка|банки|банков",
    "кредит|кредита|кредиты|кредитов",
    "платёж|платежа|платежи|платежей",
    "перевод|перевода|переводы",
    "выписка|выписки|выписок",
    "баланс|баланса|балансы",
    "прибыль|прибыли",
    "убыток|убытка|убытки|убытков",
    "выручка|выручки",
    "расход|расхода|расходы|расходов",
    "доход|дохода|доходы|доходов",
    "себестоимость|себестоимости",
    "амортизация|амортизации",
    "дивиденды|дивидендов",
    "акционер|акционера|акционеры|акционеров",
    "собрание|собрания|собраний",
    "устав|устава",
    "реестр|реестра|реестры",
    "архив|архива|архивы|архивов",
    "хранение|хранения",
    "копия|копии|копий",
    "скан|скана|сканы|сканов",
    "фото|фотография|фотографии",
    "чертёж|чертежа|чертежи|чертежей",
    "схема|схемы|схем",
    "карта|карты|карт",
    "обучение|обучения",
    "инструкция|инструкции|инструкций",
    "регламент|регламента|регламенты",
    "политика|политики",
    "безопасность|безопасности",
    "инцидент|инцидента|инциденты",
    "резервная|резервной",
    "миграция|миграции",
    "релиз|релиза|релизы",
    "тестирование|тестирования",
    "результат|результата|результаты|результатов",
    "анализ|анализа|анализы",
    "прогноз|прогноза|прогнозы",
    "рынок|рынка|рынки",
    "цена|цены|цен",
    "скидка|скидки|скидок",
    "тендер|тендера|тендеры|тендеров",
    "закупка|закупки|закупок",
    "конкурс|конкурса|конкурсы",
    "котировка|котировки",
    "партнёр|партнера|партнёры|партнёров",
    "подрядчик|подрядчика|подрядчики",
    "субподрядчик|субподрядчика",
    "консультант|консультанта",
    "таможня|таможни|таможенная",
    "груз|груза|грузы|грузов",
    "контейнер|контейнера|контейнеры",
    "экспедиция|экспедиции",
    "калибровка|калибровки",
    "прототип|прототипа|прототипы",
    "телеметрия|телеметрии",
    "датчик|датчика|датчики|датчиков",
    "турбина|турбины|турбин",
    "трубопровод|трубопровода",
    "подстанция|подстанции",
    "гидравлика|гидравлики",
    "карантин|карантина",
    "стерилизация|стерилизации",
    "дозировка|дозировки",
    "фармаконадзор|фармаконадзора",
    "геодезия|геодезии",
    "кадастровый|кадастрового",
    "топографическая|топографической",
    "батиметрия|батиметрии",
    "сейсмика|сейсмики",
    "фотограмметрия|фотограмметрии",
  };

  static final String[] EXTENSIONS = {
    "pdf", "docx", "xlsx", "jpg", "png", "csv", "txt", "zip", "pptx", "xml", "json", "tif", "doc",
    "odt"
  };
  static final int[] EXTENSION_WEIGHTS = {30, 15, 10, 9, 7, 6, 6, 4, 4, 3, 2, 2, 1, 1};
  static final Map<String, String> CONTENT_TYPES =
      Map.ofEntries(
          Map.entry("pdf", "application/pdf"),
          Map.entry(
              "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
          Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
          Map.entry("jpg", "image/jpeg"),
          Map.entry("png", "image/png"),
          Map.entry("csv", "text/csv"),
          Map.entry("txt", "text/plain"),
          Map.entry("zip", "application/zip"),
          Map.entry(
              "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
          Map.entry("xml", "application/xml"),
          Map.entry("json", "application/json"),
          Map.entry("tif", "image/tiff"),
          Map.entry("doc", "application/msword"),
          Map.entry("odt", "application/vnd.oasis.opendocument.text"));

  static final String[] CODES = {"INV", "PO", "CTR", "ACT", "HR", "TND", "SF", "WB"};

  static final String[] DEPARTMENTS = {
    "finance",
    "legal",
    "hr",
    "sales",
    "it",
    "logistics",
    "procurement",
    "engineering",
    "бухгалтерия",
    "канцелярия"
  };
  static final String[] REGIONS = {
    "moscow", "spb", "kazan", "novosibirsk", "ekaterinburg", "berlin", "london", "almaty"
  };
  static final String[] PRIORITIES = {"low", "normal", "high"};

  static final String[] UPLOADERS = {
    "Alice Jones",
    "Bob Miller",
    "Carol White",
    "David Brown",
    "Eve Davis",
    "Алексей Смирнов",
    "Мария Иванова",
    "Дмитрий Кузнецов",
    "Ольга Попова",
    "Сергей Волков"
  };
  static final String[] ELEMENTS = {"se-edit-1", "se-rw-1", "se-rw-2"};

  /** Company-like names: the long tail of rare words (and project names). */
  static final List<String> NAMES = names(3000);

  /** ~200 tags, most frequent first. */
  static final List<String> TAGS = tags();

  private static final double[] ENGLISH_CDF = zipf(ENGLISH.length + NAMES.size(), 1.1);
  private static final double[] RUSSIAN_CDF = zipf(RUSSIAN.length + NAMES.size(), 1.1);
  private static final double[] TAG_CDF = zipf(TAGS.size(), 1.0);
  private static final double[] EXTENSION_CDF = weights(EXTENSION_WEIGHTS);
  private static final DateTimeFormatter PATH =
      DateTimeFormatter.ofPattern("yyyy/MM/dd/HH/").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

  private SearchCorpus() {}

  /** Row {@code n}: always the same record. */
  static StoredFile file(long n) {
    // A hashed seed and split(): plain seeds n, n+1 would give shifted copies of one sequence.
    SplittableRandom r = new SplittableRandom(mix(n ^ 0x5EA2C45EA2C4L)).split();
    UUID id =
        new UUID((r.nextLong() & ~0xF000L) | 0x4000L, (r.nextLong() & ~(3L << 62)) | 1L << 63);
    boolean russian = r.nextInt(100) < 45;
    String extension = EXTENSIONS[pick(EXTENSION_CDF, r)];
    Instant created = START.plusSeconds(r.nextLong(Duration.between(START, END).getSeconds()));
    String filename = filename(r, russian, extension, created);
    int uploader = r.nextInt(UPLOADERS.length);
    String description = description(r, russian);
    List<String> tags = new ArrayList<>(new LinkedHashSet<>(pickTags(r)));
    Map<String, String> metadata = new LinkedHashMap<>();
    int keys = 1 + r.nextInt(3);
    for (int k = 0; k < keys; k++) {
      switch (r.nextInt(6)) {
        case 0, 1 -> metadata.put("department", DEPARTMENTS[r.nextInt(DEPARTMENTS.length)]);
        case 2 ->
            metadata.put("project", NAMES.get(r.nextInt(50)).toLowerCase(java.util.Locale.ROOT));
        case 3 -> metadata.put("year", Integer.toString(created.atZone(ZoneOffset.UTC).getYear()));
        case 4 -> metadata.put("region", REGIONS[r.nextInt(REGIONS.length)]);
        default -> metadata.put("priority", PRIORITIES[r.nextInt(PRIORITIES.length)]);
      }
    }
    metadata.put(MARKER_KEY, MARKER_VALUE);
    long size = Math.max(1, Math.min(4L << 30, (long) Math.exp(12.5 + 1.8 * gaussian(r))));
    boolean temporary = r.nextInt(100) < 75;
    Integer ttl = temporary ? new int[] {30, 90, 365, 1095, 1825}[r.nextInt(5)] : null;
    Instant expires = temporary ? created.plus(Duration.ofDays(ttl)) : null;
    String status = r.nextInt(100) < 3 ? "deleted" : "active";
    long version = status.equals("deleted") ? 2 : 1 + (r.nextInt(10) == 0 ? 1 : 0);
    Instant updated = version > 1 ? created.plusSeconds(r.nextLong(86_400L * 30)) : created;
    String uploaderId = String.format("bench-user-%02d", uploader + 1);
    String stem = filename.substring(0, filename.lastIndexOf('.'));
    String storageFilename =
        stem + "_" + uploaderId + "_" + STAMP.format(created) + "_" + id + "." + extension;
    StringBuilder checksum = new StringBuilder(64);
    for (int i = 0; i < 4; i++) {
      checksum.append(String.format("%016x", r.nextLong()));
    }
    return new StoredFile(
        "2",
        id.toString(),
        filename,
        storageFilename,
        PATH.format(created),
        size,
        CONTENT_TYPES.get(extension),
        new StoredFile.Checksum("sha256", checksum.toString()),
        created,
        updated,
        new StoredFile.Uploader(uploaderId, UPLOADERS[uploader]),
        description,
        tags,
        metadata,
        temporary ? "temporary" : "permanent",
        ttl,
        expires,
        status,
        ELEMENTS[r.nextInt(ELEMENTS.length)],
        version);
  }

  private static String filename(
      SplittableRandom r, boolean russian, String extension, Instant created) {
    int year = created.atZone(ZoneOffset.UTC).getYear();
    String[] words = russian ? RUSSIAN : ENGLISH;
    double[] cdf = russian ? RUSSIAN_CDF : ENGLISH_CDF;
    String name =
        switch (r.nextInt(10)) {
          case 0, 1, 2 ->
              CODES[r.nextInt(CODES.length)]
                  + "-"
                  + year
                  + "-"
                  + String.format("%05d", r.nextInt(100_000));
          case 3 ->
              extension.equals("jpg") || extension.equals("png") || extension.equals("tif")
                  ? "IMG_" + String.format("%04d", r.nextInt(10_000))
                  : "scan_" + STAMP.format(created).substring(0, 8);
          case 4, 5 ->
              capitalize(word(r, words, cdf, 6)) + "_" + word(r, words, cdf, 6) + "_" + year;
          case 6, 7 ->
              capitalize(word(r, words, cdf, 6))
                  + " "
                  + word(r, words, cdf, 6)
                  + " "
                  + NAMES.get(rank(r, NAMES.size()))
                  + " "
                  + (1 + r.nextInt(40));
          default ->
              capitalize(word(r, words, cdf, 6))
                  + "-"
                  + word(r, words, cdf, 6)
                  + (r.nextBoolean() ? "-v" + (1 + r.nextInt(5)) : "-final");
        };
    return name + "." + extension;
  }

  private static String description(SplittableRandom r, boolean russian) {
    int count = 5 + r.nextInt(21);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < count; i++) {
      boolean other = r.nextInt(100) < 12;
      boolean ru = russian != other;
      String w = word(r, ru ? RUSSIAN : ENGLISH, ru ? RUSSIAN_CDF : ENGLISH_CDF, 0);
      if (i == 0) {
        w = capitalize(w);
      }
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(w);
    }
    return out.append('.').toString();
  }

  /** A word by Zipf rank: the language's words first, then the shared tail of names. */
  private static String word(SplittableRandom r, String[] words, double[] cdf, int skip) {
    int index;
    do {
      index = pick(cdf, r);
    } while (index < skip); // filenames skip the stop words at the head
    if (index >= words.length) {
      return NAMES.get(index - words.length);
    }
    String[] forms = words[index].split("\\|");
    return forms[r.nextInt(forms.length)];
  }

  private static List<String> pickTags(SplittableRandom r) {
    int count = 1 + r.nextInt(4);
    List<String> tags = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      tags.add(TAGS.get(pick(TAG_CDF, r)));
    }
    return tags;
  }

  private static int rank(SplittableRandom r, int size) {
    // Names in filenames: uniform over the first half of the tail (rarer than descriptions' head).
    return r.nextInt(size);
  }

  private static List<String> names(int count) {
    String[] a = {
      "kel", "vor", "dra", "mos", "tal", "ner", "ru", "sim", "ba", "lo", "zen", "ark", "tor", "vel",
      "qua", "fin", "gor", "ix", "pol", "stra", "med", "nov", "tek", "vin", "ul", "bre", "cor",
      "dex", "em", "fal"
    };
    String[] b = {"an", "ex", "ia", "on", "is", "ar", "et", "um", "ol", "en", "ra", "ik", "os"};
    Random random = new Random(42);
    LinkedHashSet<String> names = new LinkedHashSet<>();
    while (names.size() < count) {
      String name =
          a[random.nextInt(a.length)]
              + a[random.nextInt(a.length)]
              + (random.nextBoolean() ? b[random.nextInt(b.length)] : "")
              + (random.nextInt(4) == 0 ? a[random.nextInt(a.length)] : "");
      names.add(capitalize(name));
    }
    return List.copyOf(names);
  }

  private static List<String> tags() {
    List<String> tags =
        new ArrayList<>(
            List.of(
                "finance",
                "contract",
                "invoice",
                "hr",
                "legal",
                "2025",
                "2024",
                "urgent",
                "archive",
                "scan",
                "signed",
                "draft",
                "бухгалтерия",
                "договоры",
                "кадры",
                "отчётность",
                "q1",
                "q2",
                "q3",
                "q4",
                "2023",
                "tax",
                "audit",
                "procurement",
                "sales",
                "logistics",
                "it",
                "security",
                "marketing",
                "board",
                "approved",
                "confidential",
                "public",
                "internal",
                "external",
                "personal-data",
                "gdpr",
                "152-фз",
                "налоги",
                "закупки",
                "тендер",
                "склад",
                "транспорт",
                "ремонт",
                "проектирование",
                "строительство",
                "лицензии",
                "сертификаты",
                "претензии",
                "суд",
                "банк",
                "кредиты",
                "платежи",
                "акты",
                "счета",
                "накладные",
                "приказы",
                "протоколы",
                "совещания",
                "обучение",
                "инструкции",
                "регламенты"));
    for (int i = 0; tags.size() < 200; i++) {
      tags.add("project-" + NAMES.get(i).toLowerCase(java.util.Locale.ROOT));
    }
    return List.copyOf(tags);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }

  private static String capitalize(String word) {
    return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }

  private static double[] zipf(int size, double s) {
    double[] cdf = new double[size];
    double sum = 0;
    for (int i = 0; i < size; i++) {
      sum += 1 / Math.pow(i + 1, s);
      cdf[i] = sum;
    }
    for (int i = 0; i < size; i++) {
      cdf[i] /= sum;
    }
    return cdf;
  }

  private static double[] weights(int[] weights) {
    double[] cdf = new double[weights.length];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += weights[i];
      cdf[i] = sum;
    }
    for (int i = 0; i < weights.length; i++) {
      cdf[i] /= sum;
    }
    return cdf;
  }

  private static int pick(double[] cdf, SplittableRandom r) {
    double x = r.nextDouble();
    int lo = 0;
    int hi = cdf.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cdf[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static double gaussian(SplittableRandom r) {
    double u = 1 - r.nextDouble();
    double v = r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
