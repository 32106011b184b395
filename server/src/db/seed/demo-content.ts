/** The demo content seeded into an empty database: Dutch condition spaces and two staff accounts. */
import type { Helpline } from '../schema/spaces';

export const demoPasswordNotice = 'Demo accounts — change or delete them before real people use this instance.';

export const demoUsers = [
  { username: 'demo-beheerder', password: 'welkom-in-de-kring-beheer', role: 'admin' as const },
  { username: 'demo-moderator', password: 'welkom-in-de-kring-moderatie', role: 'member' as const },
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
