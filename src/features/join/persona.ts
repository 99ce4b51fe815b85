/** A random chat persona so that one click joins the demo. */
export interface Persona {
  userId: string
  displayName: string
  color: string
  badge: string
}

const NAMES = ['Ada', 'Grace', 'Linus', 'Margaret', 'Alan', 'Barbara', 'Dennis', 'Frances', 'Ken', 'Radia', 'Tim', 'Hedy']
const ADJECTIVES = ['Swift', 'Quiet', 'Bright', 'Brave', 'Clever', 'Lucky', 'Calm', 'Bold']
const COLORS = ['#e11d48', '#7c3aed', '#2563eb', '#0891b2', '#059669', '#ca8a04', '#ea580c', '#db2777']
export const BADGE_CHOICES = ['', 'subscriber', 'vip', 'moderator', 'founder'] as const

export function randomPersona(random: () => number = Math.random): Persona {
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const name = `${pick(ADJECTIVES)} ${pick(NAMES)}`
  return {
    userId: `${name.toLowerCase().replace(' ', '-')}-${Math.floor(random() * 9000 + 1000)}`,
    displayName: name,
    color: pick(COLORS),
    badge: pick(BADGE_CHOICES.filter(Boolean)),
  }
}
