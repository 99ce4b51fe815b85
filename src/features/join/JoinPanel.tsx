import { lazy, Suspense, useId, useState, type FormEvent } from 'react'
import { useChat, useChatContext } from '../../chat/react'
import type { CreateChatTokenRequest } from '../../../mocks/contract/chat-token'
import { ATTRIBUTES_MAX_BYTES, SESSION_DURATION_MINUTES, type ChatTokenCapability } from '../../../mocks/contract/constraints'
import { attributesByteLength } from '../../../mocks/contract/text'
import { BADGE_CHOICES, randomPersona } from './persona'
import { joinErrors, type JoinField } from './join-errors'
import { useRooms } from './use-rooms'
import { FieldError } from './FieldError'
import { readSavedJoin, saveJoin } from './saved-join'
import { listedArn, roomFromUrl } from './room-from-url'

// Its paragraphs are not needed for the first paint of the form: off the critical path.
const WhereTheChatLives = lazy(() => import('./WhereTheChatLives').then((module) => ({ default: module.WhereTheChatLives })))

const CAPABILITIES: { value: ChatTokenCapability; label: string }[] = [
  { value: 'SEND_MESSAGE', label: 'Send messages' },
  { value: 'DELETE_MESSAGE', label: 'Delete messages' },
  { value: 'DISCONNECT_USER', label: 'Disconnect users' },
]

/** The room to start with: `?room=` first, then the one last joined, then the configured default. */
function initialRoom(savedRoomArn: string | undefined, defaultRoomArn: string): { arn: string; from: 'url' | 'saved' | 'default' } {
  const asked = roomFromUrl(defaultRoomArn)
  if (asked) return { arn: asked, from: 'url' }
  return savedRoomArn ? { arn: savedRoomArn, from: 'saved' } : { arn: defaultRoomArn, from: 'default' }
}

/**
 * The room asked for, once the rooms are known: a `?room=<id>` takes its listed ARN, and a room
 * remembered from last time that is gone (the emulator forgot it, an admin deleted it) gives way
 * to the default.
 */
function startingRoom(start: ReturnType<typeof initialRoom>, listed: readonly { id: string; arn: string }[] | undefined, defaultRoomArn: string): string {
  if (!listed) return start.arn
  if (start.from === 'url') return listedArn(start.arn, listed)
  if (start.from === 'saved' && !listed.some((room) => room.arn === start.arn)) return defaultRoomArn
  return start.arn
}

/**
 * Who to join as and with which token: the CreateChatToken request, prefilled with what was
 * joined as last time in this browser (or a random persona), in the same room, so one click joins. Errors from
 * the token service appear next to their field.
 */
export interface JoinPanelProps {
  /** False while the in-page emulator starts (or when it cannot): Join waits for it. */
  backendReady?: boolean
  /** Set when the in-page emulator cannot start: the app shows why, and nothing says "Starting…". */
  backendFailed?: boolean
  /** Settles when what the joined view needs has loaded; the join starts after it. */
  beforeJoin?: () => Promise<unknown>
}

export function JoinPanel({ backendReady = true, backendFailed = false, beforeJoin }: JoinPanelProps) {
  const { client, defaultRoomArn } = useChatContext()
  // Read once: the panel's state owns the values from then on.
  const [saved] = useState(readSavedJoin)
  const [persona] = useState(randomPersona)
  const [userId, setUserId] = useState(saved.userId ?? persona.userId)
  const [displayName, setDisplayName] = useState(saved.displayName ?? persona.displayName)
  const [color, setColor] = useState(saved.color ?? persona.color)
  const [badge, setBadge] = useState(saved.badge ?? persona.badge)
  const [avatar, setAvatar] = useState(saved.avatar ?? '')
  const [capabilities, setCapabilities] = useState<ChatTokenCapability[]>(['SEND_MESSAGE', 'DELETE_MESSAGE', 'DISCONNECT_USER'])
  const [duration, setDuration] = useState(String(SESSION_DURATION_MINUTES.default))
  const [start] = useState(() => initialRoom(saved.roomArn, defaultRoomArn))
  // Undefined until the user picks a room: until then the room is the one asked for (see below).
  const [chosenRoom, setRoomArn] = useState<string>()
  const rooms = useRooms(backendReady)
  const roomArn = chosenRoom ?? startingRoom(start, rooms.status === 'loaded' ? rooms.rooms : undefined, defaultRoomArn)
  const joinError = useChat((state) => state.joinError)
  const connecting = useChat((state) => state.status === 'connecting')
  const [preparing, setPreparing] = useState(false)
  const joining = connecting || preparing
  const errors = joinErrors(joinError)
  const id = useId()

  const attributes: Record<string, string> = {
    ...(displayName ? { displayName } : {}),
    ...(color ? { color } : {}),
    ...(badge ? { badges: badge } : {}),
    ...(avatar ? { avatar } : {}),
  }
  const budget = attributesByteLength(attributes)

  function submit(event: FormEvent) {
    event.preventDefault()
    const request: CreateChatTokenRequest = {
      roomIdentifier: roomArn.trim(),
      userId,
      capabilities,
      // Empty means the service's default (60); the service checks the range and says so.
      ...(duration.trim() !== '' ? { sessionDurationInMinutes: Number(duration) } : {}),
      attributes,
    }
    saveJoin({ userId, displayName, color, badge, avatar, roomArn: roomArn.trim() })
    setPreparing(true)
    void Promise.resolve(beforeJoin?.())
      .then(() => client.join(request))
      .finally(() => setPreparing(false))
  }

  const describedBy = (field: JoinField) => (errors[field] ? `${id}-${field}-error` : undefined)

  return (
    <form className="join-panel card" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h2 id={`${id}-title`}>Join a chat room</h2>
      <p className="hint join-intro">These values go to CreateChatToken; the service attaches the attributes in the token to every message you send.</p>

      <div className="join-column">
        <div className="field">
          <label htmlFor={`${id}-user`}>User ID</label>
          <input id={`${id}-user`} value={userId} onChange={(e) => setUserId(e.target.value)} aria-invalid={Boolean(errors.userId)} aria-describedby={describedBy('userId')} autoComplete="off" />
          <FieldError id={`${id}-userId-error`} message={errors.userId} />
        </div>

        {/* Over-budget concerns all attributes together: the error describes the whole group, as for capabilities. */}
        <fieldset className="field-group" aria-describedby={describedBy('attributes')}>
          <legend>Attributes</legend>
          <div className="field">
            <label htmlFor={`${id}-name`}>Display name</label>
            <input id={`${id}-name`} value={displayName} onChange={(e) => setDisplayName(e.target.value)} autoComplete="off" />
          </div>
          <div className="field-row">
            <div className="field narrow">
              <label htmlFor={`${id}-color`}>Color</label>
              <input id={`${id}-color`} type="color" value={/^#[0-9a-f]{6}$/i.test(color) ? color : '#000000'} onChange={(e) => setColor(e.target.value)} />
            </div>
            <div className="field grow">
              <label htmlFor={`${id}-badge`}>Badge</label>
              <input id={`${id}-badge`} list={`${id}-badges`} value={badge} onChange={(e) => setBadge(e.target.value)} placeholder="none" autoComplete="off" />
              <datalist id={`${id}-badges`}>
                {BADGE_CHOICES.filter(Boolean).map((choice) => (
                  <option key={choice} value={choice}>
                    {choice}
                  </option>
                ))}
              </datalist>
            </div>
          </div>
          <div className="field">
            <label htmlFor={`${id}-avatar`}>Avatar URL</label>
            <input id={`${id}-avatar`} type="url" value={avatar} onChange={(e) => setAvatar(e.target.value)} placeholder="https://… (optional)" aria-describedby={`${id}-avatar-hint`} />
            <span id={`${id}-avatar-hint`} className="hint">Optional; only https images are shown.</span>
          </div>
          <div className="field">
            <label htmlFor={`${id}-budget`}>Attribute budget</label>
            <meter id={`${id}-budget`} min={0} max={ATTRIBUTES_MAX_BYTES} high={ATTRIBUTES_MAX_BYTES * 0.9} value={Math.min(budget, ATTRIBUTES_MAX_BYTES)} aria-describedby={`${id}-budget-text ${describedBy('attributes') ?? ''}`} />
            <span id={`${id}-budget-text`} className={budget > ATTRIBUTES_MAX_BYTES ? 'hint over' : 'hint'}>
              {budget} of {ATTRIBUTES_MAX_BYTES} bytes used
            </span>
            <FieldError id={`${id}-attributes-error`} message={errors.attributes} />
          </div>
        </fieldset>
      </div>

      <div className="join-column">
        <div className="field">
          <label htmlFor={`${id}-room`}>Room</label>
          {rooms.status === 'loaded' && rooms.rooms.some((room) => room.arn === roomArn) ? (
            <select id={`${id}-room`} value={roomArn} onChange={(e) => setRoomArn(e.target.value)} aria-invalid={Boolean(errors.roomIdentifier)} aria-describedby={describedBy('roomIdentifier')}>
              {rooms.rooms.map((room) => (
                <option key={room.arn} value={room.arn}>
                  {room.name ? `${room.name} (${room.id})` : room.id}
                </option>
              ))}
            </select>
          ) : (
            <input id={`${id}-room`} value={roomArn} onChange={(e) => setRoomArn(e.target.value)} aria-invalid={Boolean(errors.roomIdentifier)} aria-describedby={describedBy('roomIdentifier')} spellCheck={false} />
          )}
          {rooms.status === 'failed' && <span className="hint">Could not list rooms: {rooms.message}</span>}
          <FieldError id={`${id}-roomIdentifier-error`} message={errors.roomIdentifier} />
        </div>

        <div className="field">
          <label htmlFor={`${id}-duration`}>Session duration (minutes)</label>
          <input
            id={`${id}-duration`}
            type="number"
            inputMode="numeric"
            min={SESSION_DURATION_MINUTES.min}
            max={SESSION_DURATION_MINUTES.max}
            value={duration}
            onChange={(e) => setDuration(e.target.value)}
            aria-invalid={Boolean(errors.sessionDurationInMinutes)}
            aria-describedby={describedBy('sessionDurationInMinutes')}
          />
          <FieldError id={`${id}-sessionDurationInMinutes-error`} message={errors.sessionDurationInMinutes} />
        </div>

        <fieldset className="field-group" aria-describedby={describedBy('capabilities')}>
          <legend>Capabilities</legend>
          {CAPABILITIES.map((capability) => (
            <label key={capability.value} className="check">
              <input
                type="checkbox"
                checked={capabilities.includes(capability.value)}
                onChange={(e) => setCapabilities((current) => (e.target.checked ? [...current, capability.value] : current.filter((c) => c !== capability.value)))}
              />
              {capability.label}
            </label>
          ))}
          <FieldError id={`${id}-capabilities-error`} message={errors.capabilities} />
        </fieldset>

        {errors.form && (
          <p className="form-error" role="alert">
            {errors.form}
          </p>
        )}
        <button type="submit" className="primary join-button" disabled={joining || !backendReady}>
          {joining ? 'Joining…' : 'Join'}
        </button>
        {!backendReady && !backendFailed && <p className="hint">Starting the in-page IVS Chat emulator…</p>}
        <Suspense fallback={null}>
          <WhereTheChatLives />
        </Suspense>
      </div>
    </form>
  )
}
