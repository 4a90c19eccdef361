/**
 * Writes fixtures/illustrative.json: the project's own illustrative ownership graph.
 *
 *   npx tsx scripts/make-fixtures.ts
 *
 * Every party, stake and facility below is FICTIONAL. The dataset is modelled on the public cases in the domain
 * notes (a US-designated Russian mining group and its subsidiaries, offshore-owned mining sites next to a US
 * missile base, miners linked to a foreign state) so that each rule of the engine has a case to run against.
 * Only the sensitive sites are real public places, with the public dataset named in their `source`.
 * fixtures/README.md lists the cases, their keys and the outcome each regime should reach.
 *
 * The output is deterministic: no clock, no randomness; nodes and edges are written in the order of the tables.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type {
  EntityAttributes,
  Provenance,
  SanctionListing,
  SiteCategory,
  StakeAttributes,
  StakeKind,
} from '../src/domain/model.ts';
import type { OwnershipSnapshot, SnapshotEdge, SnapshotNode } from '../src/domain/snapshot.ts';

const DATASET = 'lookthrough-illustrative';
/** Date of every fictional record unless a row gives its own. */
const RECORD_DATE = '2024-12-31';
const OUTPUT = new URL('../fixtures/illustrative.json', import.meta.url);

// ---------------------------------------------------------------------------------------------------------------
// Sanctions listings (real programme names, fictional listings)
// ---------------------------------------------------------------------------------------------------------------

const ofac = (program: string, listed: string): SanctionListing => ({ authority: 'OFAC', program, listed });
const eu = (program: string, listed: string): SanctionListing => ({ authority: 'EU', program, listed });
const uk = (program: string, listed: string): SanctionListing => ({ authority: 'UK', program, listed });

// ---------------------------------------------------------------------------------------------------------------
// Governments: three fictional states, each with state bodies. Country codes are real so that rules about
// foreign persons and jurisdictions apply; the names and everything they own are invented.
// ---------------------------------------------------------------------------------------------------------------

interface GovernmentRow {
  key: string;
  name: string;
  country: string;
  governmentType: 'state' | 'stateBody';
  aliases?: string[];
}

const GOVERNMENTS: GovernmentRow[] = [
  { key: 'gov-avaria', name: 'Republic of Avaria', country: 'IR', governmentType: 'state', aliases: ['Avaria'] },
  {
    key: 'gov-avaria-ministry-of-energy',
    name: 'Ministry of Energy of Avaria',
    country: 'IR',
    governmentType: 'stateBody',
  },
  {
    key: 'gov-avaria-development-fund',
    name: 'Avaria National Development Fund',
    country: 'IR',
    governmentType: 'stateBody',
  },
  { key: 'gov-norland', name: 'Kingdom of Norland', country: 'NO', governmentType: 'state', aliases: ['Norland'] },
  {
    key: 'gov-norland-ministry-of-energy',
    name: 'Ministry of Energy of Norland',
    country: 'NO',
    governmentType: 'stateBody',
  },
  {
    key: 'gov-norland-energy-fund',
    name: 'Norland State Energy Holding Fund',
    country: 'NO',
    governmentType: 'stateBody',
  },
  {
    key: 'gov-kestria',
    name: "People's Republic of Kestria",
    country: 'CN',
    governmentType: 'state',
    aliases: ['Kestria'],
  },
  {
    key: 'gov-kestria-strategic-fund',
    name: 'Kestria Strategic Investment Fund',
    country: 'CN',
    governmentType: 'stateBody',
  },
  {
    key: 'gov-kestria-assets-commission',
    name: 'State Assets Commission of Kestria',
    country: 'CN',
    governmentType: 'stateBody',
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Companies. `lei: true` adds a fictional LEI-like identifier (valid ISO 17442 check digits, prefix LTIL00).
// ---------------------------------------------------------------------------------------------------------------

interface CompanyRow {
  key: string;
  name: string;
  country: string;
  aliases?: string[];
  topics?: string[];
  sanctions?: SanctionListing[];
  address?: string;
  lei?: boolean;
}

const BVI_AGENT_ADDRESS = '3 Illustrative Chambers, Wickhams Cay, Road Town, Tortola, VG1110';
const AVARIA_ADDRESS = '12 Fictional Avenue, Kerman, Avaria';

const COMPANIES: CompanyRow[] = [
  // Taiga: a fictional mining group designated by OFAC with a subsidiary, as in the April 2022 public case.
  { key: 'co-taiga-holdings', name: 'Taiga Hash Holdings Ltd', country: 'CY', address: '8 Example Street, Limassol' },
  {
    key: 'co-taiga-mining-group',
    name: 'Taiga Hash Group LLC',
    country: 'RU',
    aliases: ['OOO Taiga Hesh Grupp', 'Taiga Hash'],
    topics: ['sanction'],
    sanctions: [ofac('RUSSIA-EO14024', '2022-04-20')],
    lei: true,
  },
  {
    key: 'co-taiga-siberia',
    name: 'Taiga Hash Siberia LLC',
    country: 'RU',
    topics: ['sanction'],
    sanctions: [ofac('RUSSIA-EO14024', '2022-04-20')],
  },
  { key: 'co-taiga-trading', name: 'Taiga Hash Trading SA', country: 'CH', lei: true },
  { key: 'co-taiga-bratsk-dc', name: 'Angara Compute Bratsk LLC', country: 'RU' },
  { key: 'co-siberian-infra-partners', name: 'Siberian Infrastructure Partners JSC', country: 'RU', lei: true },
  // Blocked intermediary.
  { key: 'co-northwind-holdings', name: 'Northwind Digital Holdings Ltd', country: 'CY' },
  { key: 'co-ekibastuz-compute', name: 'Ekibastuz Compute LLP', country: 'KZ' },
  { key: 'co-irtysh-energy-trading', name: 'Irtysh Energy Trading LLP', country: 'KZ' },
  // Aggregation of two designated owners.
  { key: 'co-steppe-hash', name: 'Steppe Hash LLP', country: 'KZ' },
  { key: 'co-alatau-ventures', name: 'Alatau Ventures JSC', country: 'KZ', lei: true },
  // Near miss.
  { key: 'co-borneo-hashing', name: 'Borneo Hashing Sdn Bhd', country: 'MY' },
  { key: 'co-sarawak-green-capital', name: 'Sarawak Green Capital Bhd', country: 'MY', lei: true },
  // Control without ownership.
  { key: 'co-geysir-compute', name: 'Geysir Compute ehf', country: 'IS' },
  { key: 'co-reykjanes-infra-fund', name: 'Reykjanes Infrastructure Fund slhf', country: 'IS', lei: true },
  // Avaria: majority state chain, and a state-owned miner designated under the Iran programme.
  {
    key: 'co-avaria-national-power',
    name: 'Avaria National Power Company',
    country: 'IR',
    topics: ['gov.soe'],
    lei: true,
  },
  { key: 'co-avaria-digital-mining', name: 'Avaria Digital Mining Company', country: 'IR', topics: ['gov.soe'] },
  { key: 'co-kavir-investment', name: 'Kavir Investment Group', country: 'IR' },
  { key: 'co-rafsanjan-mining-ops', name: 'Rafsanjan Mining Operations Co', country: 'IR', address: AVARIA_ADDRESS },
  {
    key: 'co-avaria-mining-services',
    name: 'Avarian Mining Services Co',
    country: 'IR',
    topics: ['gov.soe', 'sanction'],
    sanctions: [ofac('IRAN', '2021-03-15')],
    address: AVARIA_ADDRESS,
  },
  // Norland: minority state influence, and a state-owned energy company that controls by aggregation.
  { key: 'co-fjell-digital', name: 'Fjell Digital ASA', country: 'NO', lei: true },
  { key: 'co-nordkapp-capital', name: 'Nordkapp Capital AS', country: 'NO' },
  { key: 'co-rana-datahall', name: 'Rana Datahall AS', country: 'NO' },
  { key: 'co-helgeland-invest', name: 'Helgeland Invest AS', country: 'NO' },
  { key: 'co-norvarme-energi', name: 'Norvarme Energi AS', country: 'NO', topics: ['gov.soe'], lei: true },
  { key: 'co-norvarme-data', name: 'Norvarme Data AS', country: 'NO' },
  { key: 'co-vefsn-compute', name: 'Vefsn Compute AS', country: 'NO' },
  // Kestria: a six-level chain from a foreign government to a site next to a US missile base.
  {
    key: 'co-kestria-energy-group',
    name: 'Kestria State Energy Group Corporation',
    country: 'CN',
    topics: ['gov.soe'],
    lei: true,
  },
  { key: 'co-kestria-energy-overseas', name: 'Kestria Energy Overseas Ltd', country: 'HK', topics: ['gov.soe'] },
  { key: 'co-lantau-bridge-partners', name: 'Lantau Bridge Partners Ltd', country: 'HK' },
  { key: 'co-lotus-bay-holdings', name: 'Lotus Bay Holdings Ltd', country: 'VG', address: BVI_AGENT_ADDRESS },
  { key: 'co-jade-harbour-nominees', name: 'Jade Harbour Nominees Ltd', country: 'VG', address: BVI_AGENT_ADDRESS },
  {
    key: 'co-prairie-digital',
    name: 'Prairie Digital Infrastructure LLC',
    country: 'US',
    address: '100 Example Road, Cheyenne, WY 82001',
  },
  { key: 'co-high-plains-land', name: 'High Plains Land Company LLC', country: 'US' },
  // Known owners adding up to more than 100 percent.
  { key: 'co-alto-parana-mining', name: 'Alto Paraná Minería Digital SA', country: 'PY' },
  { key: 'co-guarani-ventures', name: 'Guaraní Ventures SA', country: 'PY' },
  { key: 'co-southern-cross-digital', name: 'Southern Cross Digital SA', country: 'UY' },
  // Banded share.
  { key: 'co-laurentian-hash', name: 'Laurentian Hash Inc.', country: 'CA' },
  { key: 'co-manicouagan-capital', name: 'Manicouagan Capital Inc.', country: 'CA' },
  // Listing that takes effect on 2024-08-01.
  { key: 'co-lonestar-hash', name: 'Lone Star Hash LLC', country: 'US' },
  { key: 'co-brazos-energy-partners', name: 'Brazos Energy Partners LP', country: 'US' },
  // UK joint arrangement.
  { key: 'co-kuching-data', name: 'Kuching Data Sdn Bhd', country: 'MY' },
  { key: 'co-rajang-capital', name: 'Rajang Capital Sdn Bhd', country: 'MY' },
  // EU: exactly 50 percent.
  { key: 'co-boden-compute', name: 'Boden Compute AB', country: 'SE' },
  { key: 'co-norrbotten-invest', name: 'Norrbotten Invest AB', country: 'SE' },
  // Operator of a facility that has no recorded owner.
  { key: 'co-horn-hosting', name: 'Horn Hosting PLC', country: 'ET' },
  // Cross-holding cycle.
  { key: 'co-columbia-basin-mining', name: 'Columbia Basin Mining Inc.', country: 'US', lei: true },
  { key: 'co-cascade-hash-holdings', name: 'Cascade Hash Holdings Ltd', country: 'CA', lei: true },
  { key: 'co-okanogan-partners', name: 'Okanogan Partners LLC', country: 'US' },
  { key: 'co-maple-leaf-pension', name: 'Maple Leaf Pension Trust', country: 'CA' },
];

// ---------------------------------------------------------------------------------------------------------------
// People: beneficial owners, designated persons and directors.
// ---------------------------------------------------------------------------------------------------------------

interface PersonRow {
  key: string;
  name: string;
  country: string;
  aliases?: string[];
  topics?: string[];
  sanctions?: SanctionListing[];
}

const PEOPLE: PersonRow[] = [
  { key: 'per-yaroslav-beloborodko', name: 'Yaroslav Beloborodko', country: 'RU', aliases: ['Iaroslav Beloborodko'] },
  { key: 'per-nina-tolmacheva', name: 'Nina Tolmacheva', country: 'RU' },
  {
    key: 'per-arkady-sevrin',
    name: 'Arkady Sevrin',
    country: 'RU',
    topics: ['sanction'],
    sanctions: [ofac('RUSSIA-EO14024', '2022-05-08')],
  },
  { key: 'per-elena-vasko', name: 'Elena Vasko', country: 'CY' },
  {
    key: 'per-gleb-zarechny',
    name: 'Gleb Zarechny',
    country: 'RU',
    aliases: ['Gleb Zarechnyi'],
    topics: ['sanction'],
    sanctions: [ofac('RUSSIA-EO14024', '2022-04-20'), uk('Russia', '2022-05-04')],
  },
  {
    key: 'per-mirra-kostylina',
    name: 'Mirra Kostylina',
    country: 'RU',
    topics: ['sanction'],
    sanctions: [ofac('UKRAINE-EO13661', '2014-04-28'), uk('Russia', '2022-03-15')],
  },
  {
    key: 'per-boris-lemekh',
    name: 'Boris Lemekh',
    country: 'RU',
    topics: ['sanction'],
    sanctions: [ofac('RUSSIA-EO14024', '2023-05-19')],
  },
  {
    key: 'per-vera-solnyshko',
    name: 'Vera Solnyshko',
    country: 'RU',
    topics: ['sanction'],
    sanctions: [ofac('RUSSIA-EO14024', '2023-02-24')],
  },
  {
    key: 'per-timur-ozernikov',
    name: 'Timur Ozernikov',
    country: 'RU',
    topics: ['sanction'],
    sanctions: [ofac('RUSSIA-EO14024', '2022-06-28')],
  },
  { key: 'per-einar-thorvaldsson', name: 'Einar Thorvaldsson', country: 'IS' },
  { key: 'per-kaveh-dastani', name: 'Kaveh Dastani', country: 'IR', topics: ['role.pep'] },
  { key: 'per-ingrid-solvang', name: 'Ingrid Solvang', country: 'NO' },
  { key: 'per-hou-lanxin', name: 'Hou Lanxin', country: 'CN' },
  { key: 'per-dale-whitcomb', name: 'Dale Whitcomb', country: 'US' },
  { key: 'per-matias-ferreyra', name: 'Matías Ferreyra', country: 'PY' },
  {
    key: 'per-konstantin-vyazemtsev',
    name: 'Konstantin Vyazemtsev',
    country: 'RU',
    topics: ['sanction'],
    sanctions: [ofac('RUSSIA-EO14024', '2022-09-30')],
  },
  {
    key: 'per-ruslan-karagodin',
    name: 'Ruslan Karagodin',
    country: 'RU',
    topics: ['sanction'],
    sanctions: [ofac('RUSSIA-EO14024', '2024-08-01')],
  },
  {
    key: 'per-lev-korostelin',
    name: 'Lev Korostelin',
    country: 'RU',
    topics: ['sanction'],
    sanctions: [uk('Russia', '2022-06-29')],
  },
  {
    key: 'per-daria-korostelina',
    name: 'Daria Korostelina',
    country: 'RU',
    topics: ['sanction'],
    sanctions: [uk('Russia', '2022-06-29')],
  },
  {
    key: 'per-anatoly-verkhozin',
    name: 'Anatoly Verkhozin',
    country: 'RU',
    topics: ['sanction'],
    sanctions: [eu('RUSSIA', '2023-02-25'), uk('Russia', '2023-02-24')],
  },
  { key: 'per-aisyah-rahmat', name: 'Aisyah Rahmat', country: 'MY' },
  { key: 'per-selam-gebretsadik', name: 'Selam Gebretsadik', country: 'ET' },
  { key: 'per-harlan-voss', name: 'Harlan Voss', country: 'US' },
];

// ---------------------------------------------------------------------------------------------------------------
// Facilities: fictional mining sites placed in real towns.
// ---------------------------------------------------------------------------------------------------------------

interface FacilityRow {
  key: string;
  name: string;
  country: string;
  address: string;
  lat: number;
  lon: number;
  powerMw: number;
  hashratePhs: number;
}

// prettier-ignore
const FACILITIES: FacilityRow[] = [
  // About 1.0 km east of the MIRTA point of F E Warren AFB (41.17074205, -104.8603382).
  { key: 'fac-cheyenne-1', name: 'Prairie Digital Cheyenne Site 1', country: 'US', address: 'Cheyenne, Wyoming', lat: 41.1707, lon: -104.8484, powerMw: 38, hashratePhs: 1100 },
  // About 1.4 km south-east of the same point; divested in 2024.
  { key: 'fac-cheyenne-2', name: 'Prairie Digital Cheyenne Site 2', country: 'US', address: 'Cheyenne, Wyoming', lat: 41.16, lon: -104.851, powerMw: 22, hashratePhs: 600 },
  { key: 'fac-usolye-1', name: 'Taiga Usolye Mining Centre', country: 'RU', address: 'Usolye-Sibirskoye, Irkutsk Oblast', lat: 52.756, lon: 103.638, powerMw: 100, hashratePhs: 2400 },
  { key: 'fac-bratsk-1', name: 'Angara Compute Bratsk Hall', country: 'RU', address: 'Bratsk, Irkutsk Oblast', lat: 56.258, lon: 101.735, powerMw: 120, hashratePhs: 3000 },
  { key: 'fac-ekibastuz-1', name: 'Ekibastuz Compute Park', country: 'KZ', address: 'Ekibastuz, Pavlodar Region', lat: 51.723, lon: 75.326, powerMw: 60, hashratePhs: 1500 },
  { key: 'fac-pavlodar-1', name: 'Steppe Hash Pavlodar', country: 'KZ', address: 'Pavlodar', lat: 52.3, lon: 76.95, powerMw: 45, hashratePhs: 1100 },
  { key: 'fac-bintulu-1', name: 'Borneo Hashing Bintulu', country: 'MY', address: 'Bintulu, Sarawak', lat: 3.17, lon: 113.04, powerMw: 25, hashratePhs: 700 },
  { key: 'fac-kuching-1', name: 'Kuching Data Hall A', country: 'MY', address: 'Kuching, Sarawak', lat: 1.55, lon: 110.35, powerMw: 18, hashratePhs: 500 },
  { key: 'fac-reykjanesbaer-1', name: 'Geysir Compute Reykjanes', country: 'IS', address: 'Reykjanesbær', lat: 63.999, lon: -22.558, powerMw: 30, hashratePhs: 850 },
  { key: 'fac-rafsanjan-1', name: 'Rafsanjan Mining Farm', country: 'IR', address: 'Rafsanjan, Kerman Province', lat: 30.41, lon: 56.02, powerMw: 175, hashratePhs: 3500 },
  { key: 'fac-mo-i-rana-1', name: 'Rana Datahall Mo', country: 'NO', address: 'Mo i Rana, Nordland', lat: 66.319, lon: 14.119, powerMw: 40, hashratePhs: 1200 },
  { key: 'fac-mosjoen-1', name: 'Vefsn Compute Mosjøen', country: 'NO', address: 'Mosjøen, Nordland', lat: 65.84, lon: 13.185, powerMw: 35, hashratePhs: 1000 },
  { key: 'fac-hernandarias-1', name: 'Alto Paraná Hernandarias Site', country: 'PY', address: 'Hernandarias, Alto Paraná', lat: -25.39, lon: -54.64, powerMw: 50, hashratePhs: 1400 },
  { key: 'fac-baie-comeau-1', name: 'Laurentian Hash Baie-Comeau', country: 'CA', address: 'Baie-Comeau, Quebec', lat: 49.221, lon: -68.158, powerMw: 45, hashratePhs: 1300 },
  { key: 'fac-rockdale-1', name: 'Lone Star Hash Rockdale', country: 'US', address: 'Rockdale, Texas', lat: 30.67, lon: -96.98, powerMw: 150, hashratePhs: 4500 },
  { key: 'fac-adama-1', name: 'Horn Hosting Adama', country: 'ET', address: 'Adama, Oromia', lat: 8.54, lon: 39.27, powerMw: 20, hashratePhs: 550 },
  { key: 'fac-boden-1', name: 'Boden Compute Hall', country: 'SE', address: 'Boden, Norrbotten', lat: 65.82, lon: 21.7, powerMw: 28, hashratePhs: 800 },
  // About 4.5 km from the Microsoft data centre in Quincy (IM3 record 387).
  { key: 'fac-quincy-1', name: 'Columbia Basin Quincy Site', country: 'US', address: 'Quincy, Washington', lat: 47.221, lon: -119.83, powerMw: 60, hashratePhs: 1800 },
];

// ---------------------------------------------------------------------------------------------------------------
// Sensitive sites: REAL public places. Coordinates copied from the named dataset records:
// - military: US DoD MIRTA points (shared data military-bases.csv, columns Lat, Long, Site Name; recordId is
//   OBJECTID_1);
// - data centres: IM3 data centre atlas (shared data datacenters.geojson, "im3_datacenter_centroids"; recordId is
//   the 0-based index of the feature);
// - power: public coordinates of the plants as given on their Wikipedia pages.
// ---------------------------------------------------------------------------------------------------------------

interface SiteRow {
  key: string;
  name: string;
  category: SiteCategory;
  country: string;
  address: string;
  lat: number;
  lon: number;
  source: Provenance;
  aliases?: string[];
}

const MIRTA = 'dod-mirta';
const IM3 = 'im3-datacenter-centroids';
const WIKIPEDIA = 'wikipedia';

// prettier-ignore
const SITES: SiteRow[] = [
  { key: 'site-fe-warren', name: 'F E Warren AFB', aliases: ['Francis E. Warren Air Force Base'], category: 'military', country: 'US', address: 'Cheyenne, Wyoming', lat: 41.17074205, lon: -104.8603382, source: { dataset: MIRTA, recordId: '722' } },
  { key: 'site-malmstrom', name: 'Malmstrom AFB', category: 'military', country: 'US', address: 'Great Falls, Montana', lat: 47.50591063, lon: -111.1827774, source: { dataset: MIRTA, recordId: '282' } },
  { key: 'site-minot', name: 'Minot AFB', category: 'military', country: 'US', address: 'Minot, North Dakota', lat: 48.42106232, lon: -101.3383502, source: { dataset: MIRTA, recordId: '283' } },
  { key: 'site-grand-forks', name: 'Grand Forks AFB', category: 'military', country: 'US', address: 'Grand Forks, North Dakota', lat: 47.95456956, lon: -97.39169327, source: { dataset: MIRTA, recordId: '749' } },
  { key: 'site-whiteman', name: 'Whiteman AFB', category: 'military', country: 'US', address: 'Knob Noster, Missouri', lat: 38.72991151, lon: -93.55538452, source: { dataset: MIRTA, recordId: '285' } },
  { key: 'site-fort-hood', name: 'Fort Hood', aliases: ['Fort Cavazos'], category: 'military', country: 'US', address: 'Killeen, Texas', lat: 31.21568536, lon: -97.73703192, source: { dataset: MIRTA, recordId: '707' } },
  { key: 'site-fairchild', name: 'Fairchild AFB', category: 'military', country: 'US', address: 'Spokane, Washington', lat: 47.61866263, lon: -117.6483843, source: { dataset: MIRTA, recordId: '314' } },
  { key: 'site-ncar-wyoming', name: 'NCAR-Wyoming Supercomputing Center', category: 'datacenter', country: 'US', address: 'Laramie County, Wyoming', lat: 41.12879048780396, lon: -104.89748679355678, source: { dataset: IM3, recordId: '227' } },
  { key: 'site-microsoft-quincy', name: 'Microsoft Quincy data center', category: 'datacenter', country: 'US', address: 'Grant County, Washington', lat: 47.23947854404005, lon: -119.88299787006409, source: { dataset: IM3, recordId: '387' } },
  { key: 'site-cyrusone-quincy', name: 'CyrusOne Quincy', category: 'datacenter', country: 'US', address: 'Grant County, Washington', lat: 47.243696146924144, lon: -119.86960398568002, source: { dataset: IM3, recordId: '1130' } },
  { key: 'site-meta-fort-worth', name: 'Facebook Fort Worth Datacenter', category: 'datacenter', country: 'US', address: 'Tarrant County, Texas', lat: 32.98378402250322, lon: -97.25934311893363, source: { dataset: IM3, recordId: '480' } },
  { key: 'site-bratsk-hpp', name: 'Bratsk Hydroelectric Power Station', category: 'power', country: 'RU', address: 'Bratsk, Irkutsk Oblast', lat: 56.2856, lon: 101.7939, source: { dataset: WIKIPEDIA, recordId: 'Bratsk Hydroelectric Power Station' } },
  { key: 'site-grand-coulee', name: 'Grand Coulee Dam', category: 'power', country: 'US', address: 'Grand Coulee, Washington', lat: 47.956, lon: -118.9817, source: { dataset: WIKIPEDIA, recordId: 'Grand Coulee Dam' } },
  { key: 'site-itaipu', name: 'Itaipu Dam', category: 'power', country: 'PY', address: 'Paraná River, Paraguay-Brazil border', lat: -25.40861, lon: -54.58917, source: { dataset: WIKIPEDIA, recordId: 'Itaipu Dam' } },
  { key: 'site-gerd', name: 'Grand Ethiopian Renaissance Dam', category: 'power', country: 'ET', address: 'Benishangul-Gumuz, Ethiopia', lat: 11.21528, lon: 35.09306, source: { dataset: WIKIPEDIA, recordId: 'Grand Ethiopian Renaissance Dam' } },
];

// ---------------------------------------------------------------------------------------------------------------
// Edges. Ownership points from holder to held. A stake is `percent` or a band `min`..`max`.
// ---------------------------------------------------------------------------------------------------------------

interface OwnsRow {
  owner: string;
  owned: string;
  percent?: number;
  min?: number;
  max?: number;
  votingPercent?: number;
  from?: string;
  to?: string;
  jointArrangement?: string;
  date?: string;
}

const KUCHING_AGREEMENT = 'Kuching Data shareholders agreement of 2021-03-01';

const OWNS: OwnsRow[] = [
  // Taiga group: founder -> Cyprus holding -> listed group -> listed and unlisted subsidiaries -> diamond.
  { owner: 'per-yaroslav-beloborodko', owned: 'co-taiga-holdings', percent: 100 },
  { owner: 'co-taiga-holdings', owned: 'co-taiga-mining-group', percent: 60 },
  { owner: 'co-siberian-infra-partners', owned: 'co-taiga-mining-group', percent: 40 },
  { owner: 'co-taiga-mining-group', owned: 'co-taiga-siberia', percent: 100 },
  { owner: 'co-taiga-mining-group', owned: 'co-taiga-trading', percent: 100 },
  { owner: 'co-taiga-siberia', owned: 'co-taiga-bratsk-dc', percent: 50 },
  { owner: 'co-taiga-trading', owned: 'co-taiga-bratsk-dc', percent: 50 },
  { owner: 'co-taiga-bratsk-dc', owned: 'fac-bratsk-1', percent: 100 },
  { owner: 'co-taiga-mining-group', owned: 'fac-usolye-1', percent: 100 },
  // Blocked intermediary: 60% makes the holding blocked, whose whole 50% stake then counts.
  { owner: 'per-arkady-sevrin', owned: 'co-northwind-holdings', percent: 60 },
  { owner: 'per-elena-vasko', owned: 'co-northwind-holdings', percent: 40 },
  { owner: 'co-northwind-holdings', owned: 'co-ekibastuz-compute', percent: 50 },
  { owner: 'co-irtysh-energy-trading', owned: 'co-ekibastuz-compute', percent: 50 },
  { owner: 'co-ekibastuz-compute', owned: 'fac-ekibastuz-1', percent: 100 },
  // Two designated owners, 30 + 20 = 50.
  { owner: 'per-gleb-zarechny', owned: 'co-steppe-hash', percent: 30 },
  { owner: 'per-mirra-kostylina', owned: 'co-steppe-hash', percent: 20 },
  { owner: 'co-alatau-ventures', owned: 'co-steppe-hash', percent: 50 },
  { owner: 'co-steppe-hash', owned: 'fac-pavlodar-1', percent: 100 },
  // Near miss: 25 + 24.9 = 49.9.
  { owner: 'per-boris-lemekh', owned: 'co-borneo-hashing', percent: 25 },
  { owner: 'per-vera-solnyshko', owned: 'co-borneo-hashing', percent: 24.9 },
  { owner: 'co-sarawak-green-capital', owned: 'co-borneo-hashing', percent: 50.1 },
  { owner: 'co-borneo-hashing', owned: 'fac-bintulu-1', percent: 100 },
  // Control without ownership (the CONTROLS edge is below).
  { owner: 'per-timur-ozernikov', owned: 'co-geysir-compute', percent: 35 },
  { owner: 'co-reykjanes-infra-fund', owned: 'co-geysir-compute', percent: 65 },
  { owner: 'co-geysir-compute', owned: 'fac-reykjanesbaer-1', percent: 100 },
  // Avaria: government -> 60% SOE -> 55% subsidiary -> 100% operator -> facility.
  { owner: 'gov-avaria', owned: 'co-avaria-national-power', percent: 60 },
  { owner: 'co-avaria-national-power', owned: 'co-avaria-digital-mining', percent: 55 },
  { owner: 'co-kavir-investment', owned: 'co-avaria-digital-mining', percent: 45 },
  { owner: 'co-avaria-digital-mining', owned: 'co-rafsanjan-mining-ops', percent: 100 },
  { owner: 'co-rafsanjan-mining-ops', owned: 'fac-rafsanjan-1', percent: 100 },
  { owner: 'gov-avaria', owned: 'gov-avaria-development-fund', percent: 100 },
  { owner: 'gov-avaria-development-fund', owned: 'co-avaria-mining-services', percent: 100 },
  // Norland minority influence: 40% x 70% = 28%, no control.
  { owner: 'gov-norland', owned: 'gov-norland-energy-fund', percent: 100 },
  { owner: 'gov-norland-energy-fund', owned: 'co-fjell-digital', percent: 40 },
  { owner: 'co-nordkapp-capital', owned: 'co-fjell-digital', percent: 35 },
  { owner: 'per-ingrid-solvang', owned: 'co-fjell-digital', percent: 25 },
  { owner: 'co-fjell-digital', owned: 'co-rana-datahall', percent: 70 },
  { owner: 'co-helgeland-invest', owned: 'co-rana-datahall', percent: 30 },
  { owner: 'co-rana-datahall', owned: 'fac-mo-i-rana-1', percent: 100 },
  // Norland SOE: control by aggregation (25% own + 30% through a wholly owned subsidiary = 55%).
  { owner: 'gov-norland-ministry-of-energy', owned: 'co-norvarme-energi', percent: 67 },
  { owner: 'co-norvarme-energi', owned: 'co-norvarme-data', percent: 100 },
  { owner: 'co-norvarme-energi', owned: 'co-vefsn-compute', percent: 25 },
  { owner: 'co-norvarme-data', owned: 'co-vefsn-compute', percent: 30 },
  { owner: 'co-helgeland-invest', owned: 'co-vefsn-compute', percent: 45 },
  { owner: 'co-vefsn-compute', owned: 'fac-mosjoen-1', percent: 100 },
  // Kestria: six OWNS hops from the government to fac-cheyenne-1.
  { owner: 'gov-kestria', owned: 'gov-kestria-strategic-fund', percent: 100 },
  { owner: 'gov-kestria-strategic-fund', owned: 'co-kestria-energy-group', percent: 70 },
  { owner: 'co-kestria-energy-group', owned: 'co-kestria-energy-overseas', percent: 80 },
  { owner: 'co-lantau-bridge-partners', owned: 'co-kestria-energy-overseas', percent: 20 },
  { owner: 'co-kestria-energy-overseas', owned: 'co-lotus-bay-holdings', percent: 100 },
  { owner: 'co-lotus-bay-holdings', owned: 'co-prairie-digital', percent: 90, votingPercent: 100 },
  { owner: 'per-dale-whitcomb', owned: 'co-prairie-digital', percent: 10, votingPercent: 0 },
  { owner: 'co-prairie-digital', owned: 'fac-cheyenne-1', percent: 100 },
  // Divestment ordered in 2024: the offshore holder sold the second site to an unrelated US company.
  {
    owner: 'co-lotus-bay-holdings',
    owned: 'fac-cheyenne-2',
    percent: 100,
    from: '2022-06-01',
    to: '2024-09-10',
    date: '2024-09-10',
  },
  { owner: 'co-high-plains-land', owned: 'fac-cheyenne-2', percent: 100, from: '2024-09-10', date: '2024-09-10' },
  // Known owners add up to 115 percent.
  { owner: 'co-guarani-ventures', owned: 'co-alto-parana-mining', percent: 60 },
  { owner: 'co-southern-cross-digital', owned: 'co-alto-parana-mining', percent: 55 },
  { owner: 'co-alto-parana-mining', owned: 'fac-hernandarias-1', percent: 100 },
  // Banded share (BODS share.minimum / share.maximum) held by a designated person.
  { owner: 'per-konstantin-vyazemtsev', owned: 'co-laurentian-hash', min: 25, max: 50 },
  { owner: 'co-manicouagan-capital', owned: 'co-laurentian-hash', percent: 40 },
  { owner: 'co-laurentian-hash', owned: 'fac-baie-comeau-1', percent: 100 },
  // Majority holder designated on 2024-08-01.
  { owner: 'per-ruslan-karagodin', owned: 'co-lonestar-hash', percent: 55 },
  { owner: 'co-brazos-energy-partners', owned: 'co-lonestar-hash', percent: 45 },
  { owner: 'co-lonestar-hash', owned: 'fac-rockdale-1', percent: 100 },
  // UK joint arrangement: 30 + 25 held under one shareholders agreement.
  { owner: 'per-lev-korostelin', owned: 'co-kuching-data', percent: 30, jointArrangement: KUCHING_AGREEMENT },
  { owner: 'per-daria-korostelina', owned: 'co-kuching-data', percent: 25, jointArrangement: KUCHING_AGREEMENT },
  { owner: 'co-rajang-capital', owned: 'co-kuching-data', percent: 45 },
  { owner: 'co-kuching-data', owned: 'fac-kuching-1', percent: 100 },
  // EU: exactly 50 percent.
  { owner: 'per-anatoly-verkhozin', owned: 'co-boden-compute', percent: 50 },
  { owner: 'co-norrbotten-invest', owned: 'co-boden-compute', percent: 50 },
  { owner: 'co-boden-compute', owned: 'fac-boden-1', percent: 100 },
  // Operator owned by a person; the facility it runs has no recorded owner.
  { owner: 'per-selam-gebretsadik', owned: 'co-horn-hosting', percent: 100 },
  // Cross-holding: Columbia holds 30% of Cascade, Cascade 20% of Columbia; both are held from outside.
  { owner: 'co-columbia-basin-mining', owned: 'co-cascade-hash-holdings', percent: 30 },
  { owner: 'co-cascade-hash-holdings', owned: 'co-columbia-basin-mining', percent: 20 },
  { owner: 'per-harlan-voss', owned: 'co-columbia-basin-mining', percent: 45 },
  { owner: 'co-okanogan-partners', owned: 'co-columbia-basin-mining', percent: 35 },
  { owner: 'co-maple-leaf-pension', owned: 'co-cascade-hash-holdings', percent: 70 },
  { owner: 'co-columbia-basin-mining', owned: 'fac-quincy-1', percent: 100 },
];

interface ControlsRow {
  controller: string;
  controlled: string;
  basis: string;
}

const CONTROLS: ControlsRow[] = [
  { controller: 'per-timur-ozernikov', controlled: 'co-geysir-compute', basis: 'board appointment' },
  { controller: 'gov-avaria', controlled: 'gov-avaria-ministry-of-energy', basis: 'government ministry' },
  { controller: 'gov-avaria-ministry-of-energy', controlled: 'co-avaria-national-power', basis: 'board appointment' },
  { controller: 'gov-norland', controlled: 'gov-norland-ministry-of-energy', basis: 'government ministry' },
  { controller: 'gov-kestria', controlled: 'gov-kestria-assets-commission', basis: 'government commission' },
  { controller: 'gov-kestria-assets-commission', controlled: 'co-kestria-energy-group', basis: 'board appointment' },
];

interface OperatesRow {
  operator: string;
  facility: string;
  from?: string;
  to?: string;
}

const OPERATES: OperatesRow[] = [
  { operator: 'co-taiga-mining-group', facility: 'fac-usolye-1' },
  { operator: 'co-taiga-bratsk-dc', facility: 'fac-bratsk-1' },
  { operator: 'co-ekibastuz-compute', facility: 'fac-ekibastuz-1' },
  { operator: 'co-steppe-hash', facility: 'fac-pavlodar-1' },
  { operator: 'co-borneo-hashing', facility: 'fac-bintulu-1' },
  { operator: 'co-geysir-compute', facility: 'fac-reykjanesbaer-1' },
  { operator: 'co-rafsanjan-mining-ops', facility: 'fac-rafsanjan-1' },
  { operator: 'co-rana-datahall', facility: 'fac-mo-i-rana-1' },
  { operator: 'co-vefsn-compute', facility: 'fac-mosjoen-1' },
  { operator: 'co-prairie-digital', facility: 'fac-cheyenne-1' },
  { operator: 'co-prairie-digital', facility: 'fac-cheyenne-2', from: '2022-06-01', to: '2024-09-10' },
  { operator: 'co-alto-parana-mining', facility: 'fac-hernandarias-1' },
  { operator: 'co-laurentian-hash', facility: 'fac-baie-comeau-1' },
  { operator: 'co-lonestar-hash', facility: 'fac-rockdale-1' },
  { operator: 'co-kuching-data', facility: 'fac-kuching-1' },
  { operator: 'co-boden-compute', facility: 'fac-boden-1' },
  { operator: 'co-horn-hosting', facility: 'fac-adama-1' },
  { operator: 'co-columbia-basin-mining', facility: 'fac-quincy-1' },
];

interface LinkRow {
  from: string;
  to: string;
  basis: string;
}

const LINKS: LinkRow[] = [
  { from: 'per-yaroslav-beloborodko', to: 'co-taiga-mining-group', basis: 'director' },
  { from: 'per-nina-tolmacheva', to: 'co-taiga-siberia', basis: 'director' },
  { from: 'per-nina-tolmacheva', to: 'co-taiga-bratsk-dc', basis: 'director' },
  { from: 'per-aisyah-rahmat', to: 'co-borneo-hashing', basis: 'director' },
  { from: 'per-aisyah-rahmat', to: 'co-kuching-data', basis: 'director' },
  { from: 'per-einar-thorvaldsson', to: 'co-geysir-compute', basis: 'director' },
  { from: 'per-kaveh-dastani', to: 'co-avaria-digital-mining', basis: 'director' },
  { from: 'per-kaveh-dastani', to: 'co-avaria-mining-services', basis: 'director' },
  { from: 'co-avaria-mining-services', to: 'co-rafsanjan-mining-ops', basis: 'shared address' },
  { from: 'per-hou-lanxin', to: 'co-lotus-bay-holdings', basis: 'director' },
  { from: 'per-hou-lanxin', to: 'co-prairie-digital', basis: 'director' },
  { from: 'per-dale-whitcomb', to: 'co-prairie-digital', basis: 'manager' },
  { from: 'co-lotus-bay-holdings', to: 'co-jade-harbour-nominees', basis: 'shared address' },
  { from: 'per-matias-ferreyra', to: 'co-alto-parana-mining', basis: 'director' },
  { from: 'per-matias-ferreyra', to: 'co-guarani-ventures', basis: 'director' },
  { from: 'per-harlan-voss', to: 'co-cascade-hash-holdings', basis: 'director' },
];

// ---------------------------------------------------------------------------------------------------------------
// Building the snapshot
// ---------------------------------------------------------------------------------------------------------------

/** A stable 10-digit number from a key (FNV-1a, 32 bit), so identifiers do not move when rows are added. */
function digitsOf(key: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString().padStart(10, '0');
}

/** A fictional LEI-like code: LTIL00 + 12 characters + ISO 17442 (ISO 7064 MOD 97-10) check digits. */
function fictionalLei(key: string): string {
  const base = `LTIL00${digitsOf(key)}IL`;
  const numeric = [...`${base}00`].map((c) => (/[0-9]/.test(c) ? c : String(c.charCodeAt(0) - 55))).join('');
  const check = 98n - (BigInt(numeric) % 97n);
  return `${base}${check.toString().padStart(2, '0')}`;
}

function provenance(recordId: string, date = RECORD_DATE): Provenance {
  return { dataset: DATASET, recordId, date };
}

function node(key: string, { source, ...attributes }: EntityAttributes): SnapshotNode {
  return { key, attributes: { ...attributes, illustrative: true, source } };
}

function governmentNode(row: GovernmentRow): SnapshotNode {
  return node(row.key, {
    kind: 'Government',
    name: row.name,
    ...(row.aliases && { aliases: row.aliases }),
    country: row.country,
    governmentType: row.governmentType,
    source: provenance(row.key),
  });
}

function companyNode(row: CompanyRow): SnapshotNode {
  const identifiers = [{ scheme: 'registration', value: `ILL-${row.country}-${digitsOf(row.key)}` }];
  if (row.lei) identifiers.push({ scheme: 'lei', value: fictionalLei(row.key) });
  return node(row.key, {
    kind: 'Company',
    name: row.name,
    ...(row.aliases && { aliases: row.aliases }),
    country: row.country,
    identifiers,
    ...(row.sanctions && { sanctions: row.sanctions }),
    ...(row.topics && { topics: row.topics }),
    ...(row.address && { address: row.address }),
    source: provenance(row.key),
  });
}

function personNode(row: PersonRow): SnapshotNode {
  return node(row.key, {
    kind: 'Person',
    name: row.name,
    ...(row.aliases && { aliases: row.aliases }),
    country: row.country,
    ...(row.sanctions && { sanctions: row.sanctions }),
    ...(row.topics && { topics: row.topics }),
    source: provenance(row.key),
  });
}

function facilityNode(row: FacilityRow): SnapshotNode {
  return node(row.key, {
    kind: 'Facility',
    name: row.name,
    country: row.country,
    lat: row.lat,
    lon: row.lon,
    powerMw: row.powerMw,
    hashratePhs: row.hashratePhs,
    address: row.address,
    source: provenance(row.key),
  });
}

function siteNode(row: SiteRow): SnapshotNode {
  return node(row.key, {
    kind: 'SensitiveSite',
    name: row.name,
    ...(row.aliases && { aliases: row.aliases }),
    country: row.country,
    lat: row.lat,
    lon: row.lon,
    category: row.category,
    address: row.address,
    source: row.source,
  });
}

const KEY_PREFIX: Record<StakeKind, string> = { OWNS: 'own', CONTROLS: 'ctl', OPERATES: 'ops', LINKED_TO: 'link' };

function edge(
  kind: StakeKind,
  source: string,
  target: string,
  attributes: Omit<StakeAttributes, 'kind' | 'source'>,
  date?: string,
): SnapshotEdge {
  const key = `${KEY_PREFIX[kind]}:${source}->${target}`;
  return { key, source, target, attributes: { kind, ...attributes, source: provenance(key, date) } };
}

function ownsEdge(row: OwnsRow): SnapshotEdge {
  const share = row.percent !== undefined ? { percent: row.percent } : { percentMin: row.min, percentMax: row.max };
  return edge(
    'OWNS',
    row.owner,
    row.owned,
    {
      ...share,
      ...(row.votingPercent !== undefined && { votingPercent: row.votingPercent }),
      ...(row.from && { from: row.from }),
      ...(row.to && { to: row.to }),
      ...(row.jointArrangement && { jointArrangement: row.jointArrangement }),
    },
    row.date,
  );
}

function buildSnapshot(): OwnershipSnapshot {
  const nodes = [
    ...GOVERNMENTS.map(governmentNode),
    ...COMPANIES.map(companyNode),
    ...PEOPLE.map(personNode),
    ...FACILITIES.map(facilityNode),
    ...SITES.map(siteNode),
  ];
  const edges = [
    ...OWNS.map(ownsEdge),
    ...CONTROLS.map((row) => edge('CONTROLS', row.controller, row.controlled, { basis: row.basis })),
    ...OPERATES.map((row) =>
      edge('OPERATES', row.operator, row.facility, {
        ...(row.from && { from: row.from }),
        ...(row.to && { to: row.to }),
      }),
    ),
    ...LINKS.map((row) => edge('LINKED_TO', row.from, row.to, { basis: row.basis })),
  ];
  check(nodes, edges);
  return {
    attributes: {
      title: 'Lookthrough illustrative dataset',
      description:
        'Illustrative and fictional: every government, company, person, stake and facility is invented to exercise ' +
        'the look-through, sanctions and state-control rules. Only the sensitive sites are real public places ' +
        '(names and coordinates from the public datasets named in their source). Not real ownership data.',
      illustrative: true,
      fictional: true,
      dataset: DATASET,
      generator: 'scripts/make-fixtures.ts',
      recordDate: RECORD_DATE,
    },
    options: { type: 'directed', multi: true, allowSelfLoops: false },
    nodes,
    edges,
  };
}

/** Fails the build on a typo in a table: duplicate keys, dangling edges, shares outside 0..100. */
function check(nodes: SnapshotNode[], edges: SnapshotEdge[]): void {
  const nodeKeys = new Set<string>();
  for (const { key } of nodes) {
    if (nodeKeys.has(key)) throw new Error(`duplicate node key ${key}`);
    nodeKeys.add(key);
  }
  const edgeKeys = new Set<string>();
  for (const { key, source, target, attributes } of edges) {
    if (key === undefined || edgeKeys.has(key)) throw new Error(`missing or duplicate edge key ${String(key)}`);
    edgeKeys.add(key);
    if (!nodeKeys.has(source) || !nodeKeys.has(target)) throw new Error(`edge ${key} has an unknown endpoint`);
    for (const share of [attributes.percent, attributes.percentMin, attributes.percentMax, attributes.votingPercent]) {
      if (share !== undefined && !(share >= 0 && share <= 100)) throw new Error(`edge ${key} has share ${share}`);
    }
    if (attributes.kind === 'OWNS' && attributes.percent === undefined && attributes.percentMin === undefined) {
      throw new Error(`edge ${key} has no share`);
    }
  }
}

const snapshot = buildSnapshot();
writeFileSync(OUTPUT, `${JSON.stringify(snapshot, null, 2)}\n`);
const tally = (values: string[]): string => {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].map(([value, n]) => `${value} ${n}`).join(', ');
};
console.log(`wrote ${fileURLToPath(OUTPUT)}`);
console.log(`nodes ${snapshot.nodes.length}: ${tally(snapshot.nodes.map((n) => n.attributes.kind))}`);
console.log(`edges ${snapshot.edges.length}: ${tally(snapshot.edges.map((e) => e.attributes.kind))}`);
