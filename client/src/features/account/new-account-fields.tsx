import { createSignal } from 'solid-js';
import { TextField } from '../../ui/TextField.js';

/** Name, email and password of a new account (setup and invite pages). */
export function createNewAccountFields() {
  const [name, setName] = createSignal('');
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const values = () => ({ name: name(), email: email(), password: password() });
  const Fields = () => (
    <>
      <TextField
        label="Your name"
        autocomplete="name"
        required
        maxLength={80}
        value={name()}
        onInput={setName}
      />
      <TextField
        label="Email"
        type="email"
        autocomplete="username"
        required
        value={email()}
        onInput={setEmail}
      />
      <TextField
        label="Password"
        type="password"
        autocomplete="new-password"
        required
        minLength={10}
        hint="At least 10 characters."
        value={password()}
        onInput={setPassword}
      />
    </>
  );
  return { values, Fields };
}
