// Demonstration texts written by the Verbatim team: they describe the events in the team's own words.

export interface DemoArticle {
  source: {
    name: string;
    domain: string;
    url: string;
    kind: 'NEWS_OUTLET' | 'RESEARCH_ORG' | 'GOVERNMENT' | 'NGO' | 'SOCIAL_MEDIA' | 'OTHER';
  };
  url: string;
  title: string;
  publishedAt: string /* ISO 8601 */;
  language: string /* BCP 47, e.g. 'en' */;
  body: string;
}

const tigrisMonitor: DemoArticle['source'] = {
  name: 'Tigris Monitor',
  domain: 'tigris-monitor.example',
  url: 'https://tigris-monitor.example/',
  kind: 'NEWS_OUTLET',
};

const mesopotamiaPolicyLab: DemoArticle['source'] = {
  name: 'Mesopotamia Policy Lab',
  domain: 'mesopotamia-policy-lab.example',
  url: 'https://mesopotamia-policy-lab.example/',
  kind: 'RESEARCH_ORG',
};

const maysanStreetWatch: DemoArticle['source'] = {
  name: 'Maysan Street Watch',
  domain: 'maysan-street-watch.example',
  url: 'https://maysan-street-watch.example/',
  kind: 'SOCIAL_MEDIA',
};

export const demoArticles: readonly DemoArticle[] = [
  {
    source: tigrisMonitor,
    url: 'https://tigris-monitor.example/2026/01/03/khazali-calls-for-restraint-in-maysan',
    title: 'Al-Khazali calls for restraint in Maysan after Sadrist figure is shot dead in Amarah',
    publishedAt: '2026-01-03T14:30:00+03:00',
    language: 'en',
    body:
      'Hussein al-Allaq, a senior figure in the Patriotic Shiite Movement of Muqtada al-Sadr, was gunned down in central Amarah on Friday by attackers who have not been identified. In the city he was better known by his nickname, “al-Dalij”.\n' +
      'His death was followed by a tense night in the capital of Maysan province. Gunmen loyal to Saraya al-Salam shot into the air in several streets, and Sadrist supporters torched the office of Mustafa Daeer, chairman of the Maysan Provincial Council. The night passed without any exchange of fire with Asaib Ahl al-Haq, the rival faction that also has a strong following in the city.\n' +
      'On Saturday, 3 January 2026, Qais al-Khazali, the secretary-general of Asaib Ahl al-Haq, sent a written message to the people of Maysan. He warned of “ongoing attempts” to stir up strife in the province, asked residents to take every dispute to the law, and told the security forces to do their job against criminals.\n' +
      'Lt. Col. Karim J. Abboud, a spokesman for the provincial police, said extra patrols had been on the streets since midnight. He added: “Our units hold a cordon of about 3.5 km around the city centre, and no armed group will be allowed to take the law into its own hands.”',
  },
  {
    source: tigrisMonitor,
    url: 'https://tigris-monitor.example/2026/01/04/amarah-victim-faced-arrest-warrants',
    title: 'Man killed in Amarah was wanted by Iraqi courts, security source says',
    publishedAt: '2026-01-04T10:00:00+03:00',
    language: 'en',
    body:
      'Hussein al-Allaq, the Sadrist figure shot dead in Amarah on Friday, was himself named in several arrest warrants, a security source has told Tigris Monitor.\n' +
      "Iraqi courts had issued the warrants in more than one case, the source said. One of those cases concerns the killing of Wissam al-Alawi, who ran the Maysan office of Asaib Ahl al-Haq, and of one of his brothers several years ago; al-Allaq was accused of involvement in both deaths. Both of al-Alawi's brothers were killed in the period that followed his assassination.\n" +
      'Muqtada al-Sadr has blamed what he called "brazen militias" for the assassination of al-Allaq, without naming any group. He urged his followers not to let themselves be pulled into strife.\n' +
      'Asaib Ahl al-Haq has rejected any suggestion that it was behind the shooting. Its leader, Qais al-Khazali, has said that the group took the earlier killings of its own members to the courts instead of seeking revenge, and that it disowns anyone whose actions put civil peace at risk.\n' +
      'A lawyer in Amarah who follows the cases, speaking on condition of anonymity, said: "A warrant is not a verdict. Nobody should be punished outside a courtroom."',
  },
  {
    source: mesopotamiaPolicyLab,
    url: 'https://mesopotamia-policy-lab.example/briefs/2026-01-maysan-armed-camps',
    title: 'Explainer: the armed camps behind the tension in Maysan',
    publishedAt: '2026-01-05T09:00:00+03:00',
    language: 'en',
    body:
      'The killing of a Sadrist official in Amarah has once again set two rival Shia currents of southern Iraq against each other. This brief sets out who they are.\n' +
      'Moqtada Sadr leads the Patriotic Shiite Movement, the name the Sadrist movement now goes by. Saraya al-Salam serves as the armed wing of the Sadrist movement and acts on its own, apart from the other factions. Sadr frames his politics as Iraqi nationalism, and he has long insisted that only the state should carry arms.\n' +
      "Asa'ib Ahl al-Haqq, an Iran-backed group headed by its secretary-general Qais al-Khazali, counts itself among the factions calling themselves the Islamic Resistance in Iraq. The U.S. State Department designated it a foreign terrorist organisation in January 2020. On 20 June 2025, al-Khazali issued a statement backing Iran in its confrontation with Israel and condemning what he described as threats against Iran's Supreme Leader, Ayatollah Ali Khamenei.\n" +
      'Dr. Layla H. Mansour, a senior fellow at the Lab, said the pattern in Maysan was a familiar one. "Each side keeps its gunmen on a short leash while a case is before the courts, but one unsolved killing can undo that restraint in a single night."\n' +
      'This brief reflects reporting available up to 5 p.m. Baghdad time on 4 January 2026.',
  },
  {
    source: maysanStreetWatch,
    url: 'https://maysan-street-watch.example/posts/2026-01-02-amarah-friday-night',
    title: 'Amarah, Friday night – what we know so far',
    publishedAt: '2026-01-02T23:40:00+03:00',
    language: 'en',
    body:
      'Amarah, Friday night – here’s what we know so far.\n' +
      'Hussein al-Allaq, the Sadrist figure everyone here calls “al-Dalij”, was shot dead by unknown gunmen in the city centre today.\n' +
      'Since then we’ve been hearing gunfire in several neighbourhoods. Supporters of Saraya al-Salam (سرايا السلام) are shooting into the air, and the office of council chairman Mustafa Daeer has been set on fire.\n' +
      'So far there’s been no exchange of fire with Asaib Ahl al-Haq (عصائب أهل الحق).\n' +
      'A friend who lives near the market sent us a message: “Every shop has its shutters down, and the only people outside are men with guns.”\n' +
      'We won’t be sharing names of suspects or unverified videos. Rumours travel faster than facts on a night like this, and it’s far too early to say who’s behind the killing.\n' +
      'Please stay indoors, check on your neighbours, and don’t forward anything you can’t confirm. Stay safe, Amarah 🙏',
  },
  {
    // Emoji outside the BMP (one with a skin-tone modifier) in mid-sentence, and Arabic written with
    // its vowel marks (combining characters NFC keeps apart): offsets in code points must still land.
    source: maysanStreetWatch,
    url: 'https://maysan-street-watch.example/posts/2026-01-03-amarah-saturday-morning',
    title: 'Amarah, Saturday morning – shutters going up',
    publishedAt: '2026-01-03T09:15:00+03:00',
    language: 'en',
    body:
      'Saturday in Amarah ☀️ and the city is waking up slowly after a long night.\n' +
      'Shopkeepers 🛒 lifted their shutters once the police 🚓 announced that the night patrols would go on for the rest of the week.\n' +
      'Someone has hung a cloth banner by the clock tower that reads «لا لِلفِتْنَة», which means “no to strife”.\n' +
      'Asaib Ahl al-Haq (عَصائِب أَهْل الحَقّ) wrote on its channel that its offices in the province would stay closed for three days 🙏🏽 and asked its members to stay at home.\n' +
      'Thanks to everyone who sent us photos 📸 this morning!',
  },
];
