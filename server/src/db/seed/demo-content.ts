/** The demo content seeded into an empty database: Dutch condition spaces, two staff accounts and a member. */
import type { Helpline } from '../schema/spaces';

export const demoPasswordNotice = 'Demo accounts — change or delete them before real people use this instance.';

/** `label` is what the start banner calls the login (the demo member is new: their first posts are checked). */
export const demoUsers = [
  { username: 'demo-beheerder', password: 'welkom-in-de-kring-beheer', role: 'admin' as const, label: 'beheerder' },
  { username: 'demo-moderator', password: 'welkom-in-de-kring-moderatie', role: 'member' as const, label: 'moderator' },
  { username: 'demo-lid', password: 'welkom-in-de-kring-lid', role: 'member' as const, label: 'lid' },
];

/** Spaces the demo moderator moderates. */
export const demoModeratedSlugs = ['borstkanker', 'tinnitus'];

const crisisLines: Helpline[] = [
  { name: '113 Zelfmoordpreventie', phone: '0800-0113', url: 'https://www.113.nl' },
  { name: 'Alarmnummer', phone: '112', description: 'Bij direct gevaar' },
];

export const demoSpaces = [
  {
    slug: 'borstkanker',
    name: 'Borstkanker',
    description: 'Voor iedereen met borstkanker, in behandeling of daarna, en hun naasten.',
    rules: 'Wees vriendelijk. Deel ervaringen, geen medisch advies. Noem geen namen van artsen of ziekenhuizen.',
    helplines: [...crisisLines, { name: 'KWF Kanker Infolijn', phone: '0800-0226622' }],
    visibility: 'public' as const,
    postingPolicy: 'open' as const,
    allowAnonymous: true,
  },
  {
    slug: 'tinnitus',
    name: 'Tinnitus',
    description: 'Oorsuizen, piepen of ruisen: tips, steun en herkenning van lotgenoten.',
    rules: 'Respecteer elkaar. Reclame voor middelen of therapieën is niet toegestaan.',
    helplines: crisisLines,
    visibility: 'public' as const,
    postingPolicy: 'new_members_premoderated' as const,
    allowAnonymous: true,
  },
  {
    slug: 'mantelzorg',
    name: 'Mantelzorg',
    description: 'Voor wie zorgt voor een naaste: even je verhaal kwijt kunnen bij mensen die het snappen.',
    rules: 'Wat hier gedeeld wordt, blijft hier. Wees mild voor elkaar.',
    helplines: [...crisisLines, { name: 'Mantelzorglijn', phone: '030-7606055' }],
    visibility: 'registered' as const,
    postingPolicy: 'open' as const,
    allowAnonymous: true,
  },
  {
    slug: 'rouw-na-verlies',
    name: 'Rouw na verlies',
    description: 'Een besloten ruimte voor wie een dierbare heeft verloren. Toegang na goedkeuring.',
    rules: 'Deze ruimte is besloten. Deel niets van hier buiten de ruimte.',
    helplines: crisisLines,
    visibility: 'closed' as const,
    postingPolicy: 'premoderated' as const,
    allowAnonymous: true,
  },
];

/**
 * Demo members who wrote the demo threads. They get a random password nobody knows (they are authors,
 * not logins); the conversations show numbering, anonymous aliases, reactions and an unanswered thread.
 */
export const demoAuthors = ['Zonnebloem', 'Wandelaar', 'Theeleut'] as const;
export type DemoAuthor = (typeof demoAuthors)[number];

export interface DemoPost {
  by: DemoAuthor;
  anonymous?: boolean;
  body: string;
  /** Minutes after the thread was opened. */
  after: number;
  reactions?: Partial<Record<'steun' | 'herkenning' | 'dank', DemoAuthor[]>>;
}

export interface DemoThread {
  space: string;
  title: string;
  intent: 'support' | 'experience' | 'question' | 'good_news' | null;
  /** Hours before the seed ran. */
  hoursAgo: number;
  opening: DemoPost;
  replies: DemoPost[];
}

export const demoThreads: DemoThread[] = [
  {
    space: 'borstkanker',
    title: 'Moe na de bestralingen — hoe lang duurde dat bij jullie?',
    intent: 'question',
    hoursAgo: 52,
    opening: {
      by: 'Zonnebloem',
      after: 0,
      body: 'Drie weken geleden had ik mijn laatste bestraling. Ik had gehoopt dat ik nu wat meer energie zou hebben, maar ik ben nog steeds **ontzettend moe**. Na boodschappen doen moet ik al op de bank liggen.\n\nHerkennen jullie dit? Hoe lang duurde het bij jullie voordat het beter werd?',
      reactions: { herkenning: ['Wandelaar', 'Theeleut'] },
    },
    replies: [
      {
        by: 'Wandelaar',
        after: 45,
        body: 'Heel herkenbaar. Bij mij duurde het een maand of vier voordat ik echt merkte dat het beter ging. Wat mij hielp:\n\n- elke dag een klein stukje wandelen, ook als ik geen zin had\n- vaste rustmomenten, ook op goede dagen\n- niet te veel plannen op één dag\n\nGeef jezelf de tijd. Je lijf heeft veel te verwerken gehad.',
        reactions: { steun: ['Zonnebloem'], dank: ['Zonnebloem', 'Theeleut'] },
      },
      {
        by: 'Theeleut',
        anonymous: true,
        after: 130,
        body: 'Bij mij was het ruim een half jaar. Ik vond het fijn om het met mijn huisarts te bespreken; die verwees me naar een revalidatieprogramma. Dat heeft echt geholpen.',
        reactions: { herkenning: ['Zonnebloem'] },
      },
      {
        by: 'Zonnebloem',
        after: 200,
        body: 'Dank jullie wel, dit lucht op. Ik ga het revalidatieprogramma eens navragen.',
      },
    ],
  },
  {
    space: 'borstkanker',
    title: 'Goed nieuws: de scan was schoon!',
    intent: 'good_news',
    hoursAgo: 20,
    opening: {
      by: 'Theeleut',
      anonymous: true,
      after: 0,
      body: 'Ik moest het even ergens kwijt: vanochtend de uitslag gekregen en de scan was **schoon**. Na een jaar van behandelingen voelt het nog onwerkelijk.\n\nDank aan iedereen hier die mij door de moeilijke momenten heeft geholpen.',
      reactions: { steun: ['Zonnebloem', 'Wandelaar'], dank: ['Wandelaar'] },
    },
    replies: [
      {
        by: 'Zonnebloem',
        after: 25,
        body: 'Wat fijn om te lezen! Geniet ervan. 🌻',
      },
      {
        by: 'Wandelaar',
        after: 90,
        body: 'Gefeliciteerd! Zulk nieuws geeft anderen hier ook moed.',
      },
    ],
  },
  {
    space: 'borstkanker',
    title: 'Hoe vertel je het aan je kinderen?',
    intent: 'support',
    hoursAgo: 3,
    opening: {
      by: 'Wandelaar',
      after: 0,
      body: 'Volgende week begin ik met chemo. Onze kinderen zijn 7 en 10. Ik wil eerlijk zijn, maar ik wil ze ook niet bang maken. Hoe hebben jullie dit aangepakt?',
    },
    replies: [],
  },
  {
    space: 'tinnitus',
    title: 'Tips om in slaap te vallen met oorsuizen',
    intent: 'question',
    hoursAgo: 30,
    opening: {
      by: 'Theeleut',
      after: 0,
      body: "'s Avonds in bed hoor ik het piepen het hardst. Wat doen jullie om toch in slaap te vallen?",
    },
    replies: [
      {
        by: 'Wandelaar',
        after: 60,
        body: 'Ik zet zacht geluid aan, bijvoorbeeld regen of een ventilator. Dan valt de piep minder op. Er zijn ook kussens met een ingebouwde luidspreker.',
        reactions: { dank: ['Theeleut'] },
      },
      {
        by: 'Zonnebloem',
        anonymous: true,
        after: 180,
        body: 'Wat bij mij helpt: geen schermen meer in het laatste uur, en een vast ritueel. Ik doe een korte ontspanningsoefening.\n\n> Het geluid gaat niet weg, maar ik schrik er minder van.\n\nDat zei mijn audioloog, en dat klopt voor mij.',
        reactions: { herkenning: ['Theeleut', 'Wandelaar'] },
      },
    ],
  },
  {
    space: 'tinnitus',
    title: 'Eindelijk een audioloog die echt luistert',
    intent: 'experience',
    hoursAgo: 8,
    opening: {
      by: 'Zonnebloem',
      after: 0,
      body: 'Na jaren van "daar moet u mee leren leven" eindelijk iemand die de tijd nam om uit te leggen wat er in mijn oor gebeurt. Het geluid is er nog, maar ik begrijp het nu beter en dat scheelt veel.',
    },
    replies: [],
  },
  {
    space: 'mantelzorg',
    title: 'Even mijn verhaal kwijt',
    intent: 'support',
    hoursAgo: 12,
    opening: {
      by: 'Wandelaar',
      anonymous: true,
      after: 0,
      body: 'Ik zorg al twee jaar voor mijn moeder. Vandaag had ik even geen geduld meer en daar voel ik me schuldig over. Misschien herkent iemand dit.',
    },
    replies: [
      {
        by: 'Theeleut',
        after: 40,
        body: 'Ik herken het helemaal. Je bent ook maar een mens. Dat je je er schuldig over voelt, laat zien hoeveel je om haar geeft.',
        reactions: { steun: ['Wandelaar'] },
      },
    ],
  },
];

/** Open reports for the demo moderator's queue (on demo posts, by demo members who did not write them). */
export const demoReports: {
  space: string;
  threadTitle: string;
  postNumber: number;
  by: DemoAuthor;
  reason: 'spam' | 'unkind' | 'misinformation' | 'personal_info' | 'at_risk' | 'other';
  note: string;
  minutesAgo: number;
}[] = [
  {
    space: 'borstkanker',
    threadTitle: 'Moe na de bestralingen — hoe lang duurde dat bij jullie?',
    postNumber: 3,
    by: 'Wandelaar',
    reason: 'misinformation',
    note: 'Klopt dit advies wel? Misschien een label erbij.',
    minutesAgo: 90,
  },
  {
    space: 'borstkanker',
    threadTitle: 'Moe na de bestralingen — hoe lang duurde dat bij jullie?',
    postNumber: 4,
    by: 'Theeleut',
    reason: 'other',
    note: 'Demo-melding: bekijk de wachtrij van de moderator.',
    minutesAgo: 30,
  },
];
