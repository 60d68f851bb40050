// Ant Design's radio group is a plain <div>, yet Form.Item puts aria-required and aria-invalid on
// it, which only a radiogroup may carry. antd passes `role` through but does not type it.
import { Radio, type RadioGroupProps } from 'antd';

export function RadioChoice(props: RadioGroupProps) {
  return <Radio.Group {...props} {...({ role: 'radiogroup' } as RadioGroupProps)} />;
}
